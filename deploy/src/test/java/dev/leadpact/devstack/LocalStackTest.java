package dev.leadpact.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadpact.events.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack is real: a record survives a produce/consume round trip; SQL runs on PostgreSQL. */
class LocalStackTest {

    @Test
    void brokerAcknowledgesAndDeliversRecordsOnLeadPactTopics(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0, 2)) {
            Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            RecordMetadata written;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            broker.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG,
                            "all"),
                    new StringSerializer(),
                    new StringSerializer())) {
                written = producer.send(new ProducerRecord<>(Topics.CONVERSIONS, "lead-1", "{}"))
                        .get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            common.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG),
                            ConsumerConfig.GROUP_ID_CONFIG,
                            "local-stack-test",
                            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                            "earliest"),
                    new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(Topics.CONVERSIONS));
                ConsumerRecords<String, String> records = ConsumerRecords.empty();
                for (int i = 0; i < 40 && records.isEmpty(); i++) {
                    records = consumer.poll(Duration.ofMillis(500));
                }
                assertThat(records.count()).isEqualTo(1);
                var record = records.iterator().next();
                assertThat(record.key()).isEqualTo("lead-1");
                assertThat(record.partition()).isEqualTo(written.partition());
            }
            assertTopicSettings(broker);
        }
    }

    /** Personal data leaves the topics after 28 days (plus a day's segment); erasures are compacted. */
    private static void assertTopicSettings(KafkaBroker broker) throws Exception {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<String, Config> configs = admin
                    .describeConfigs(Topics.ALL.stream()
                            .flatMap(t -> java.util.stream.Stream.of(t, Topics.deadLetterOf(t)))
                            .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                            .toList())
                    .all()
                    .get()
                    .entrySet()
                    .stream()
                    .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
            String days28 = String.valueOf(Duration.ofDays(28).toMillis());
            for (String topic : List.of(
                    Topics.CONVERSIONS,
                    Topics.deadLetterOf(Topics.CONVERSIONS),
                    Topics.SALES_ACTIVITIES,
                    Topics.deadLetterOf(Topics.SALES_ACTIVITIES))) {
                assertThat(configs.get(topic).get("retention.ms").value())
                        .as(topic)
                        .isEqualTo(days28);
                assertThat(configs.get(topic).get("segment.ms").value())
                        .as(topic)
                        .isEqualTo(String.valueOf(Duration.ofDays(1).toMillis()));
            }
            assertThat(configs.get(Topics.LEAD_ERASURES).get("cleanup.policy").value())
                    .isEqualTo("compact");
            assertThat(configs.get(Topics.DEALS_CLOSED).get("retention.ms").value())
                    .as("a topic without personal data keeps the broker's default")
                    .isEqualTo(String.valueOf(Duration.ofDays(7).toMillis()));
        }
    }

    @Test
    void postgresCreatesDatabasesAndRunsSql() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(0)) {
            String url = postgres.createDatabase("leadpact_check");
            assertThat(postgres.createDatabase("leadpact_check")).isEqualTo(url);
            try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
                    ResultSet rows =
                            connection.createStatement().executeQuery("SELECT current_database(), version()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("leadpact_check");
                assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
            }
        }
    }

    @Test
    void aStoppedPostgresRefusesConnectionsAndKeepsItsDataForTheRestart() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(0)) {
            String url = postgres.createDatabase("leadpact_outage");
            try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD)) {
                connection.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
            }

            postgres.stop();
            assertThatThrownBy(() -> DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("refused");

            postgres.resume();
            try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
                    ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
        }
    }

    /**
     * A secured server: a TLS connection that verifies the certificate and logs in with SCRAM gets
     * in, and is encrypted; one without TLS, or with a wrong password, is refused.
     */
    @Test
    void aSecuredPostgresTakesVerifiedTlsWithScramOnly(@TempDir Path dir) throws Exception {
        try (LocalPostgres postgres = LocalPostgres.startSecured(0, dir)) {
            String url = postgres.createDatabase("secured");
            assertThat(url).contains("sslmode=verify-full");
            try (Connection connection = DriverManager.getConnection(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
                    ResultSet rows = connection
                            .createStatement()
                            .executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getBoolean("ssl")).isTrue();
                assertThat(rows.getString("version")).startsWith("TLS");
            }
            String plain = "jdbc:postgresql://localhost:" + postgres.port() + "/secured?sslmode=disable";
            assertThatThrownBy(() -> DriverManager.getConnection(plain, LocalPostgres.USER, LocalPostgres.PASSWORD)
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no encryption");
            assertThatThrownBy(() -> DriverManager.getConnection(url, LocalPostgres.USER, "wrong")
                            .close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
        }
    }

    @Test
    void theSaslListenerTakesTheScramUserOnly(@TempDir Path dir) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"), 0, 1)) {
            Map<String, Object> sasl = Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.saslBootstrapServers(),
                    "security.protocol",
                    "SASL_PLAINTEXT",
                    "sasl.mechanism",
                    KafkaBroker.SASL_MECHANISM,
                    "sasl.jaas.config",
                    KafkaBroker.saslJaasConfig(),
                    ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    10_000);
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(sasl, new StringSerializer(), new StringSerializer())) {
                assertThat(producer.send(new ProducerRecord<>(Topics.CONVERSIONS, "lead-1", "{}"))
                                .get()
                                .offset())
                        .isZero();
            }
            Map<String, Object> wrongPassword = new HashMap<>(sasl);
            wrongPassword.put(
                    "sasl.jaas.config", KafkaBroker.saslJaasConfig().replace(KafkaBroker.SASL_PASSWORD, "wrong"));
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(wrongPassword, new StringSerializer(), new StringSerializer())) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.CONVERSIONS, "lead-2", "{}"))
                                .get())
                        .hasRootCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }
}
