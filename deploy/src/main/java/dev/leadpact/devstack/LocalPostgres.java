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
 * User {@code postgres}, password {@code postgres}: trust authentication on localhost, or, {@link
 * #startSecured secured}, TLS and SCRAM-SHA-256 only, as a production server is set up.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static final String SETTING = "leadpact.postgres.";

    private final EmbeddedPostgres.Builder builder;
    private final Path dataDirectory;
    private final int port;
    /** The server's certificate, which clients verify it with, when it is secured; else null. */
    private final Path certificate;

    private EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres.Builder builder, Path dataDirectory, int port, Path certificate) {
        this.builder = builder;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.certificate = certificate;
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
            LocalPostgres local = new LocalPostgres(builder(chosen, data), data, chosen, null);
            local.resume();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /**
     * A server that takes TLS connections only, and authenticates them with SCRAM-SHA-256 (the
     * password of {@link #USER}, {@link #PASSWORD}): its {@code pg_hba.conf} has {@code hostssl}
     * lines only. Its certificate, for {@code localhost} and {@code 127.0.0.1}, is self-signed, made
     * with the JDK's keytool in {@code tlsDir}; {@link #jdbcUrl} asks the driver to verify it
     * ({@code sslmode=verify-full&sslrootcert=<certificate>}).
     */
    public static LocalPostgres startSecured(int port, Path tlsDir) {
        try {
            int chosen = FreePorts.orNext(port);
            Path data = Files.createTempDirectory("leadpact-postgres-");
            // absolute: the server resolves relative file names against its data directory
            Path dir = tlsDir.toAbsolutePath();
            ServerTls tls = ServerTls.selfSigned(dir, "localhost");
            EmbeddedPostgres.Builder builder = builder(chosen, data);
            // the first start trusts localhost, to give the user its password (stored as SCRAM)
            try (EmbeddedPostgres first = builder.start();
                    Connection connection = first.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot set the password of " + USER, e);
            }
            Path hba = dir.resolve("pg_hba.conf");
            Files.writeString(
                    hba,
                    "local all all trust\n"
                            + "hostssl all all 127.0.0.1/32 scram-sha-256\n"
                            + "hostssl all all ::1/128 scram-sha-256\n");
            builder.setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", tls.certificate().toString())
                    .setServerConfig("ssl_key_file", tls.privateKey().toString())
                    .setServerConfig("hba_file", hba.toString())
                    .setConnectConfig("sslmode", "verify-full")
                    .setConnectConfig("sslrootcert", tls.certificate().toString())
                    .setConnectConfig("password", PASSWORD);
            LocalPostgres local = new LocalPostgres(builder, data, chosen, tls.certificate());
            local.resume();
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    private static EmbeddedPostgres.Builder builder(int port, Path data) {
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false);
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(SETTING))
                .forEach(name -> builder.setServerConfig(name.substring(SETTING.length()), System.getProperty(name)));
        return builder;
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

    /** The URL of a database; of a secured server, with the driver's TLS settings that verify it. */
    public String jdbcUrl(String database) {
        String url = "jdbc:postgresql://localhost:" + port() + "/" + database;
        return certificate == null ? url : url + "?sslmode=verify-full&sslrootcert=" + certificate;
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
