package dev.leadpact.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.devstack.LocalPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the system tests do as a user does: post a form, read a topic with a plain consumer. */
final class SuiteClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private SuiteClient() {}

    /** Posts the demo form as a browser does, asking for JSON back: a company of 240 (segment mid). */
    static HttpResponse<String> postDemoForm(int intakePort, String email) throws IOException, InterruptedException {
        return postDemoForm(intakePort, email, 240);
    }

    /** Posts the demo form for a company of {@code employees} (its segment), asking for JSON back. */
    static HttpResponse<String> postDemoForm(int intakePort, String email, int employees)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + intakePort + "/forms/demo"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("email=" + email.replace("@", "%40") + "&employees="
                                + employees + "&utm_source=google&utm_medium=cpc"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a CRM webhook signed with {@code secret} as the CRM would (see the README's signature recipe). */
    static HttpResponse<String> postSigned(int intakePort, String secret, String path, String body)
            throws IOException, InterruptedException {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String signature = "v1="
                + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + intakePort + path))
                        .header("Content-Type", "application/json")
                        .header("X-LeadPact-Timestamp", timestamp)
                        .header("X-LeadPact-Signature", signature)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The journey of a lead from the reporting API once it has a step of {@code stepType}; fails
     * with the last answer when it has none {@code within}.
     */
    static JsonNode awaitJourney(int reportingPort, String key, String leadId, String stepType, Duration within)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://localhost:" + reportingPort + "/leads/" + leadId + "/journey"))
                            .header("Authorization", "Bearer " + key)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode journey = JSON.readTree(response.body());
                if (journey.get("steps").findValuesAsText("type").contains(stepType)) {
                    return journey;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("journey of " + leadId + " has no " + stepType + ": " + response.statusCode()
                        + " " + response.body());
            }
            Thread.sleep(500);
        }
    }

    /**
     * The settings of a suite under test: its webhook secret and API key, no per-client rate limit
     * (one machine posts for every visitor here), and a first-contact deadline of {@code
     * firstContact} around the clock; {@code more} adds settings as name, value pairs.
     */
    static Map<String, String> suiteSettings(String secret, String readerKey, Duration firstContact, String... more) {
        Map<String, String> settings = new LinkedHashMap<>(Map.of(
                "LEADPACT_WEBHOOKS_SECRET",
                secret,
                "LEADPACT_READER_KEY",
                readerKey,
                "LEADPACT_HTTP_RATE_LIMIT_ENABLED",
                "false",
                "LEADPACT_SLA_POLICIES_DEFAULT_CALENDAR",
                "24x7",
                "LEADPACT_SLA_POLICIES_DEFAULT_FIRST_CONTACT",
                firstContact.toString()));
        for (int i = 0; i + 1 < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    /** A GET that must answer 200 with JSON; {@code key}, when given, as the bearer API key. */
    static JsonNode getJson(int port, String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The count that {@code sql} (one parameter: the leads, as an array) gives on a suite database. */
    static long count(String jdbcUrl, String sql, Set<String> leads) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, LocalPostgres.PASSWORD);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("varchar", leads.toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Waits up to a minute for {@link #count} to be {@code expected}, and asserts it is. */
    static void awaitCount(String jdbcUrl, String sql, Set<String> leads, long expected)
            throws SQLException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        long seen = count(jdbcUrl, sql, leads);
        while (seen != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            seen = count(jdbcUrl, sql, leads);
        }
        assertThat(seen).as(sql).isEqualTo(expected);
    }

    /** The status of a service's readiness check, or -1 when it does not answer. */
    static int readiness(int port) throws InterruptedException {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** A consumer in a group of its own that has joined and sits at the topic's end. */
    static KafkaConsumer<String, String> consumerAtEnd(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = consumer(bootstrapServers, "latest");
        consumer.subscribe(List.of(topic));
        // Join the group and take the partitions before anything is posted.
        Instant deadline = Instant.now().plusSeconds(30);
        while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200));
        }
        assertThat(consumer.assignment()).isNotEmpty();
        return consumer;
    }

    /** A consumer in a group of its own, from {@code offsetReset} ("earliest" or "latest"). */
    static KafkaConsumer<String, String> consumer(String bootstrapServers, String offsetReset) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "system-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        offsetReset),
                new StringDeserializer(),
                new StringDeserializer());
    }

    /** The records of a topic with the key, read from the start until {@code expected} are there (or 30 s). */
    static List<ConsumerRecord<String, String>> awaitRecords(
            String bootstrapServers, String topic, String key, int expected) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, "earliest")) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline) && found.size() < expected) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
            // one more poll: a record beyond those expected would show here
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> {
                if (key.equals(record.key())) {
                    found.add(record);
                }
            });
        }
        return found;
    }

    static boolean hasBreach(List<JsonNode> events, String leadId) {
        return kindsFor(events, leadId).contains("BREACH");
    }

    static List<String> kindsFor(List<JsonNode> events, String leadId) {
        return events.stream()
                .filter(e -> e.get("leadId").asText().equals(leadId))
                .map(e -> e.get("kind").asText())
                .toList();
    }

    static String header(ConsumerRecord<String, String> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
