package dev.leadpact.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server (binaries from Maven Central, unpacked on first use), started clean.
 * User {@code postgres}, password {@code postgres}, trust authentication on localhost.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final String SETTING = "leadpact.postgres.";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * @param port the port to listen on; 0 picks a free one. Server settings come from system
     *     properties {@code leadpact.postgres.<setting>}, e.g. {@code
     *     -Dleadpact.postgres.shared_preload_libraries=pg_stat_statements} (the benchmarks' profile).
     */
    public static LocalPostgres start(int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(FreePorts.orNext(port));
            System.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.startsWith(SETTING))
                    .forEach(name ->
                            builder.setServerConfig(name.substring(SETTING.length()), System.getProperty(name)));
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates the database unless it exists, and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement exists =
                    connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (!rows.next()) {
                        try (Statement create = connection.createStatement()) {
                            create.execute("CREATE DATABASE " + name);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
