package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.JSON;
import static dev.leadpact.systemtest.SuiteClient.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.devstack.DevStack;
import dev.leadpact.devstack.KafkaBroker;
import dev.leadpact.events.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged suite on a broker that takes SCRAM-SHA-512 only, its settings given once, as the
 * environment variables an operator sets ({@code KAFKA_SECURITY_PROTOCOL}, {@code
 * KAFKA_SASL_MECHANISM}, {@code KAFKA_SASL_JAAS_CONFIG}): every client the services create logs in
 * with them. A client without them could not even connect to that listener, so each step below
 * proves one: the intake's producer (a 202), the monitor's consumers and outbox producer (a breach),
 * the reporting consumer (the breach in a journey), both dead-letter writers (a poison record in its
 * dead-letter topic, twice), and the re-drive command.
 */
class SaslSuiteTest {
    private static final Duration FIRST_CONTACT = Duration.ofSeconds(10);
    private static final String READER_KEY = "sasl-suite-reader-key";

    private static DevStack suite;
    private static int intake;
    private static int reporting;

    @BeforeAll
    static void startSuite() {
        intake = freePort();
        reporting = freePort();
        suite = DevStack.start(
                Path.of("../..").toAbsolutePath().normalize(),
                Path.of("target/sasl"),
                List.of(
                        new DevStack.Service("lead-intake-service", intake, null),
                        new DevStack.Service("sla-monitor-service", freePort(), "sla_monitor"),
                        new DevStack.Service("closed-loop-reporting-service", reporting, "reporting")),
                Map.of(
                        "KAFKA_SECURITY_PROTOCOL",
                        "SASL_PLAINTEXT",
                        "KAFKA_SASL_MECHANISM",
                        KafkaBroker.SASL_MECHANISM,
                        "KAFKA_SASL_JAAS_CONFIG",
                        KafkaBroker.saslJaasConfig(),
                        "LEADPACT_WEBHOOKS_SECRET",
                        "sasl-suite-secret",
                        "LEADPACT_READER_KEY",
                        READER_KEY,
                        "LEADPACT_HTTP_RATE_LIMIT_ENABLED",
                        "false",
                        "LEADPACT_SLA_POLICIES_DEFAULT_CALENDAR",
                        "24x7",
                        "LEADPACT_SLA_POLICIES_DEFAULT_FIRST_CONTACT",
                        FIRST_CONTACT.toString()));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void everyClientOfEveryServiceLogsInWithTheSaslSettings() throws Exception {
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
        assertThat(SuiteClient.awaitRecords(suite.bootstrapServers(), Topics.deadLetterOf(Topics.CONVERSIONS), key, 2))
                .as("the monitor's and the reporting service's dead letters")
                .hasSize(2);

        DevStack.CommandResult redrive = suite.runCommand(
                "closed-loop-reporting-service",
                Duration.ofMinutes(2),
                "redrive-dead-letters",
                Topics.deadLetterOf(Topics.CONVERSIONS));
        assertThat(redrive.exitCode()).as(redrive.output()).isZero();
        assertThat(redrive.output()).contains("re-drove 2 records");
    }
}
