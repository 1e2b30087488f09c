package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.JSON;
import static dev.leadpact.systemtest.SuiteClient.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.devstack.DevStack;
import dev.leadpact.devstack.KafkaBroker;
import dev.leadpact.devstack.LocalPostgres;
import dev.leadpact.events.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged suite behind locked doors: a broker that takes SCRAM-SHA-512 only, and a PostgreSQL
 * that takes TLS with SCRAM-SHA-256 only. The settings are given once, as an operator gives them:
 * the environment variables {@code KAFKA_SECURITY_PROTOCOL}, {@code KAFKA_SASL_MECHANISM}, {@code
 * KAFKA_SASL_JAAS_CONFIG}, and a JDBC URL with {@code sslmode=verify-full&sslrootcert=...} and the
 * password. A client without them could not even connect, so each step below proves one: the
 * intake's producer (a 202), the monitor's consumers, database and outbox producer (a breach), the
 * reporting consumer and database (the breach in a journey), both dead-letter writers (a poison
 * record in its dead-letter topic, twice), and the re-drive command; and every database session of
 * the services is encrypted.
 */
class SecureSuiteTest {
    private static final Duration FIRST_CONTACT = Duration.ofSeconds(10);
    private static final String READER_KEY = "secure-suite-reader-key";

    private static DevStack suite;
    private static int intake;
    private static int reporting;

    @BeforeAll
    static void startSuite() {
        intake = freePort();
        reporting = freePort();
        suite = DevStack.startWithSecuredPostgres(
                Path.of("../..").toAbsolutePath().normalize(),
                Path.of("target/secure"),
                List.of(
                        new DevStack.Service("lead-intake-service", intake, null),
                        new DevStack.Service("sla-monitor-service", freePort(), "sla_monitor"),
                        new DevStack.Service("closed-loop-reporting-service", reporting, "reporting")),
                SuiteClient.suiteSettings(
                        "secure-suite-secret",
                        READER_KEY,
                        FIRST_CONTACT,
                        "KAFKA_SECURITY_PROTOCOL",
                        "SASL_PLAINTEXT",
                        "KAFKA_SASL_MECHANISM",
                        KafkaBroker.SASL_MECHANISM,
                        "KAFKA_SASL_JAAS_CONFIG",
                        KafkaBroker.saslJaasConfig()));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyClientOfEveryServiceLogsInWithTheSecuritySettings() throws Exception {
        HttpResponse<String> posted = SuiteClient.postDemoForm(intake, "sasl-" + UUID.randomUUID() + "@example.com");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String lead = JSON.readTree(posted.body()).get("leadId").asText();

        List<ConsumerRecord<String, String>> breaches =
                SuiteClient.awaitRecords(suite.bootstrapServers(), Topics.SLA_BREACHES, lead, 2);
        assertThat(breaches)
                .extracting(r -> JSON.readTree(r.value()).get("kind").asText())
                .containsExactly("WARNING", "BREACH");
        SuiteClient.awaitJourney(reporting, READER_KEY, lead, "SLA_BREACH", Duration.ofSeconds(60));

        String key = "sasl-poison-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers()),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONVERSIONS, key, "{not json"))
                    .get();
        }
        List<ConsumerRecord<String, String>> dead =
                SuiteClient.awaitRecords(suite.bootstrapServers(), Topics.deadLetterOf(Topics.CONVERSIONS), key, 2);
        assertThat(dead.stream()
                        .map(record -> SuiteClient.header(record, "dead-letter-service"))
                        .collect(Collectors.toSet()))
                .as("the monitor's and the reporting service's dead letters")
                .containsExactlyInAnyOrder("sla-monitor-service", "closed-loop-reporting-service");

        DevStack.CommandResult redrive = suite.runCommand(
                "closed-loop-reporting-service",
                Duration.ofMinutes(2),
                "redrive-dead-letters",
                Topics.deadLetterOf(Topics.CONVERSIONS));
        assertThat(redrive.exitCode()).as(redrive.output()).isZero();
        assertThat(redrive.output()).contains("re-drove " + dead.size() + " records");

        try (Connection connection = DriverManager.getConnection(
                        suite.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD);
                ResultSet sessions = connection
                        .createStatement()
                        .executeQuery("SELECT a.datname, s.ssl, count(*) FROM pg_stat_activity a JOIN pg_stat_ssl s"
                                + " ON s.pid = a.pid WHERE a.datname IN ('sla_monitor', 'reporting')"
                                + " GROUP BY a.datname, s.ssl ORDER BY 1, 2")) {
            List<String> seen = new java.util.ArrayList<>();
            while (sessions.next()) {
                seen.add(sessions.getString(1) + " ssl=" + sessions.getBoolean(2));
            }
            System.out.println("[secure suite] database sessions of the services: " + seen);
            assertThat(seen).containsExactly("reporting ssl=true", "sla_monitor ssl=true");
        }
    }
}
