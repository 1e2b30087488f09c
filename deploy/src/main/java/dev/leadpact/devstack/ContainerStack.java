package dev.leadpact.devstack;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The test stack for machines with Docker: the same Kafka and PostgreSQL versions as the embedded
 * stack, as containers. Not exercised on machines without Docker.
 */
final class ContainerStack implements LeadPactTestResource.LocalStack {
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;

    private ContainerStack(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    static ContainerStack start(boolean withPostgres) {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.start();
        PostgreSQLContainer postgres = null;
        if (withPostgres) {
            postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                    .withUsername(LocalPostgres.USER)
                    .withPassword(LocalPostgres.PASSWORD);
            postgres.start();
        }
        return new ContainerStack(kafka, postgres);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public void close() {
        kafka.stop();
        if (postgres != null) {
            postgres.stop();
        }
    }
}
