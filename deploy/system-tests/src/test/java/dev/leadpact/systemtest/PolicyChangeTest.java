package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.JSON;
import static dev.leadpact.systemtest.SuiteClient.freePort;
import static dev.leadpact.systemtest.SuiteClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.events.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A policy changed while leads are in flight, as ops roll it out: the monitor restarts with a
 * shorter first-contact deadline under a new version that reaches open episodes, re-plans the open
 * timers, and each fires once, at its new time. A changed policy that kept its version does not
 * start.
 */
class PolicyChangeTest {
    private static final String SECRET = "policy-change-secret";
    private static final String READER_KEY = "policy-change-reader-key";
    private static final String MONITOR = "sla-monitor-service";
    private static final Duration SHORTER = Duration.ofSeconds(45);
    private static final int LEADS = 6;

    private static DevStack suite;
    private static int intake;
    private static int monitor;

    @BeforeAll
    static void startSuite() {
        intake = freePort();
        monitor = freePort();
        suite = DevStack.start(
                Path.of("../..").toAbsolutePath().normalize(),
                Path.of("target/policy-change"),
                List.of(
                        new DevStack.Service("lead-intake-service", intake, null),
                        new DevStack.Service(MONITOR, monitor, "sla_monitor")),
                SuiteClient.suiteSettings(SECRET, READER_KEY, Duration.ofMinutes(30)));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aShorterDeadlineForOpenEpisodesMovesTheOpenTimersAndEachFiresOnceAtItsNewTime() throws Exception {
        try (KafkaConsumer<String, String> breaches =
                SuiteClient.consumerAtEnd(suite.bootstrapServers(), Topics.SLA_BREACHES)) {
            Map<String, Instant> convertedAt = new HashMap<>();
            try (KafkaConsumer<String, String> conversions =
                    SuiteClient.consumerAtEnd(suite.bootstrapServers(), Topics.CONVERSIONS)) {
                for (int i = 0; i < LEADS; i++) {
                    HttpResponse<String> accepted =
                            SuiteClient.postDemoForm(intake, "change-" + i + "-" + UUID.randomUUID() + "@example.com");
                    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                    convertedAt.put(JSON.readTree(accepted.body()).get("leadId").asText(), null);
                }
                Instant deadline = Instant.now().plusSeconds(30);
                while (convertedAt.containsValue(null) && Instant.now().isBefore(deadline)) {
                    for (ConsumerRecord<String, String> r : conversions.poll(Duration.ofMillis(250))) {
                        if (convertedAt.containsKey(r.key())) {
                            convertedAt.put(
                                    r.key(),
                                    Instant.parse(
                                            read(r.value()).get("occurredAt").asText()));
                        }
                    }
                }
            }
            assertThat(convertedAt).doesNotContainValue(null);
            String timers = "/sla/timers?rule=FIRST_CONTACT_OVERDUE&size=500";
            Instant waitFor = Instant.now().plusSeconds(30);
            while (countOpen(timers, convertedAt) < LEADS && Instant.now().isBefore(waitFor)) {
                Thread.sleep(250);
            }
            assertThat(countOpen(timers, convertedAt))
                    .as("timers under version 1")
                    .isEqualTo(LEADS);

            suite.stopService(MONITOR);
            suite.startService(MONITOR, shorter(2));
            assertThat(Files.readString(suite.logDir().resolve(MONITOR + ".log")))
                    .containsPattern("Re-planned .*web/mid-sql@2.*: " + LEADS + " open leads looked at, " + 3 * LEADS
                            + " commitments moved"); // first contact, attempts, feedback

            Map<String, List<JsonNode>> breachesOf = new HashMap<>();
            Instant lastDue = convertedAt.values().stream()
                    .max(Instant::compareTo)
                    .orElseThrow()
                    .plus(SHORTER);
            Instant until = lastDue.plusSeconds(20);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> r : breaches.poll(Duration.ofMillis(250))) {
                    JsonNode event = read(r.value());
                    if (convertedAt.containsKey(r.key())
                            && event.get("kind").asText().equals("BREACH")
                            && event.get("rule").asText().equals("FIRST_CONTACT_OVERDUE")) {
                        breachesOf
                                .computeIfAbsent(r.key(), k -> new ArrayList<>())
                                .add(event);
                    }
                }
            }
            assertThat(breachesOf).as("a first-contact breach per lead").hasSize(LEADS);
            List<Long> lateness = new ArrayList<>();
            breachesOf.forEach((lead, events) -> {
                assertThat(events).as("breaches of " + lead).hasSize(1);
                JsonNode breach = events.get(0);
                Instant due = Instant.parse(breach.get("dueAt").asText());
                assertThat(due)
                        .as("the new deadline")
                        .isEqualTo(convertedAt.get(lead).plus(SHORTER));
                assertThat(breach.get("policyVersion").asInt()).isEqualTo(2);
                assertThat(breach.get("policyId").asText()).isEqualTo("web/mid-sql");
                long late = Duration.between(
                                due, Instant.parse(breach.get("detectedAt").asText()))
                        .toMillis();
                lateness.add(late);
            });
            System.out.printf(
                    "[policy change] %d open timers re-planned from 30 min to %s; each fired once, late by %s ms%n",
                    LEADS, SHORTER, lateness);
            assertThat(lateness).allSatisfy(ms -> assertThat(ms).isBetween(0L, 5_000L));

            JsonNode policies = SuiteClient.getJson(monitor, "/sla/policies", READER_KEY);
            JsonNode midSql = null;
            for (JsonNode p : policies) {
                if (p.get("id").asText().equals("web/mid-sql")
                        && p.get("current").asBoolean()) {
                    midSql = p;
                }
            }
            assertThat(midSql).isNotNull();
            assertThat(midSql.get("version").asInt()).isEqualTo(2);
            assertThat(midSql.get("appliesTo").asText()).isEqualTo("OPEN_EPISODES");
            assertThat(midSql.get("firstContact").asText()).isEqualTo(SHORTER.toString());
        }

        // the same version with other settings: the monitor refuses to start, and says why
        suite.stopService(MONITOR);
        suite.launchService(MONITOR, shorter(2, Duration.ofSeconds(50)));
        assertThat(suite.awaitExit(MONITOR, Duration.ofSeconds(90)))
                .as("exit status")
                .isNotZero();
        assertThat(Files.readString(suite.logDir().resolve(MONITOR + ".log")))
                .contains("SLA policy settings changed without a new version")
                .contains("web/mid-sql@2");
        suite.startService(MONITOR, shorter(2));
    }

    private static Map<String, String> shorter(int version) {
        return shorter(version, SHORTER);
    }

    private static Map<String, String> shorter(int version, Duration firstContact) {
        return Map.of(
                "LEADPACT_SLA_POLICIES_DEFAULT_FIRST_CONTACT", firstContact.toString(),
                "LEADPACT_SLA_POLICIES_DEFAULT_VERSION", String.valueOf(version),
                "LEADPACT_SLA_POLICIES_DEFAULT_APPLIES_TO", "OPEN_EPISODES");
    }

    private static long countOpen(String path, Map<String, Instant> leads) throws Exception {
        long n = 0;
        for (JsonNode timer : SuiteClient.getJson(monitor, path, READER_KEY).get("items")) {
            if (leads.containsKey(timer.get("leadId").asText())) {
                n++;
            }
        }
        return n;
    }
}
