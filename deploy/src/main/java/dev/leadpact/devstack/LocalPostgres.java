package dev.leadpact.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (binaries from Maven Central, unpacked on first use), started clean.
 * User {@code postgres}, password {@code postgres}, trust authentication on localhost.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final String SETTING = "leadpact.postgres.";

    private final EmbeddedPostgres.Builder builder;
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres.Builder builder, Path dataDirectory, int port) {
        this.builder = builder;
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    /**
     * @param port the port to listen on; 0 picks a free one. Server settings come from system
     *     properties {@code leadpact.postgres.<setting>}, e.g. {@code
     *     -Dleadpact.postgres.shared_preload_libraries=pg_stat_statements} (the benchmarks' profile).
     */
    public static LocalPostgres start(int port) {
        try {
            int chosen = FreePorts.orNext(port);
            Path data = Files.createTempDirectory("leadpact-postgres-");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(chosen)
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false);
            System.getProperties().stringPropertyNames().stream()
                    .filter(name -> name.startsWith(SETTING))
                    .forEach(name ->
                            builder.setServerConfig(name.substring(SETTING.length()), System.getProperty(name)));
            LocalPostgres local = new LocalPostgres(builder, data, chosen);
            local.resume();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /**
     * Stops the server (a fast shutdown: sessions are ended, the process exits, new connections are
     * refused) and keeps its data, for {@link #resume}: the outage of the fault tests.
     */
    public synchronized void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not stop", e);
            } finally {
                postgres = null;
            }
        }
    }

    /** Starts the server again on the same port with the same data. */
    public synchronized void resume() {
        if (postgres == null) {
            try {
                postgres = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not start", e);
            }
        }
    }

    public int port() {
        return port;
    }

    /** Creates the database unless it exists, and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = running().getPostgresDatabase().getConnection()) {
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

    private synchronized EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return postgres;
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
