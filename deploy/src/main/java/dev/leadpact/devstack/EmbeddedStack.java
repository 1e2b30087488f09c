package dev.leadpact.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The default test stack: a broker in this JVM and a PostgreSQL child process, on free ports. */
final class EmbeddedStack implements LeadPactTestResource.LocalStack {
    private final KafkaBroker kafka;
    private final LocalPostgres postgres;

    private EmbeddedStack(KafkaBroker kafka, LocalPostgres postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static EmbeddedStack start(Path workDir, boolean withPostgres) {
        Path kafkaDir;
        try {
            Files.createDirectories(workDir);
            kafkaDir = Files.createTempDirectory(workDir, "kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalPostgres postgres = withPostgres ? LocalPostgres.start(0) : null;
        try {
            return new EmbeddedStack(KafkaBroker.start(kafkaDir, 0, 3), postgres);
        } catch (RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl("postgres");
    }

    @Override
    public void close() {
        kafka.close();
        if (postgres != null) {
            postgres.close();
        }
    }
}
