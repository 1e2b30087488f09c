package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.JSON;
import static dev.leadpact.systemtest.SuiteClient.freePort;
import static dev.leadpact.systemtest.SuiteClient.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.devstack.LocalPostgres;
import dev.leadpact.events.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A policy changed while leads are in flight, as ops roll it out: the monitor restarts with a
 * shorter first-contact deadline under a new version that reaches open episodes, re-plans the open
 * timers, and each fires once, at its new time. A changed policy that kept its version does not
 * start. Then the monitor is rebuilt from the topics into a fresh database by its replay command.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
    @Order(1)
    void aShorterDeadlineForOpenEpisodesMovesTheOpenTimersAndEachFiresOnceAtItsNewTime() throws Exception {
        try (KafkaConsumer<String, String> breaches =
                SuiteClient.consumerAtEnd(suite.bootstrapServers(), Topics.SLA_BREACHES)) {
            Map<String, Instant> convertedAt = postLeads("change", LEADS);
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

    /**
     * Replaying the topics into a new, empty database (the README's way to rebuild the monitor):
     * the timers come back as they were, nothing already on {@code sla.breaches.v1} is sent again,
     * and a timer that falls due after the replay fires once. Runs after the policy change, so the
     * topic holds breaches and open leads are under version 2.
     */
    @Test
    @Order(2)
    void aReplayIntoAFreshDatabaseRebuildsTheTimersAndSendsNothingTwice() throws Exception {
        Map<String, Instant> fresh = postLeads("replay", 2);
        Instant waitFor = Instant.now().plusSeconds(30);
        while (countOpen("/sla/timers?rule=FIRST_CONTACT_OVERDUE&size=500", fresh) < fresh.size()
                && Instant.now().isBefore(waitFor)) {
            Thread.sleep(250);
        }
        Map<String, String> timersBefore = timers();
        assertThat(timersBefore).containsKeys(fresh.keySet().toArray(String[]::new));

        suite.stopService(MONITOR);
        List<String> before = eventIds();
        assertThat(before).as("breaches of the policy change").isNotEmpty();
        try (Connection db = DriverManager.getConnection(
                        suite.jdbcUrl("postgres"), LocalPostgres.USER, LocalPostgres.PASSWORD);
                Statement sql = db.createStatement()) {
            sql.execute("DROP DATABASE sla_monitor WITH (FORCE)");
            sql.execute("CREATE DATABASE sla_monitor");
        }

        DevStack.CommandResult replay = suite.runCommand(MONITOR, Duration.ofMinutes(3), "replay");
        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output())
                .containsPattern("Replayed leads.conversions.v1: \\d+ records")
                .containsPattern(
                        "Replayed sla.breaches.v1: " + before.size() + " records, " + before.size() + " applied")
                .contains("Replay done");
        DevStack.CommandResult again = suite.runCommand(MONITOR, Duration.ofMinutes(3), "replay");
        assertThat(again.exitCode())
                .as("a second replay into the filled database")
                .isEqualTo(1);
        assertThat(again.output()).contains("replay refused: the database already holds");

        suite.startService(MONITOR, shorter(2));
        Instant restarted = Instant.now();
        Map<String, String> timersAfter = timers();
        timersBefore.forEach((lead, timer) -> {
            // a timer that fell due while no monitor ran has fired and moved on since
            if (Instant.parse(timer.substring(timer.indexOf('@') + 1)).isAfter(restarted.plusSeconds(5))) {
                assertThat(timersAfter.get(lead)).as("the timer of " + lead).isEqualTo(timer);
            }
        });
        Instant lastDue =
                fresh.values().stream().max(Instant::compareTo).orElseThrow().plus(SHORTER);
        List<JsonNode> events = new ArrayList<>();
        Instant until = lastDue.plusSeconds(20);
        while (Instant.now().isBefore(until)) {
            Thread.sleep(1_000);
        }
        List<String> after = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records()) {
            JsonNode event = read(r.value());
            after.add(event.get("eventId").asText());
            events.add(event);
        }
        assertThat(after).as("every event on the topic once").doesNotHaveDuplicates();
        assertThat(after).containsAll(before);
        fresh.forEach((lead, convertedAt) -> assertThat(events.stream()
                        .filter(e -> e.get("leadId").asText().equals(lead)
                                && e.get("kind").asText().equals("BREACH")
                                && e.get("rule").asText().equals("FIRST_CONTACT_OVERDUE")))
                .as("the first-contact breach of " + lead)
                .singleElement()
                .satisfies(
                        e -> assertThat(Instant.parse(e.get("dueAt").asText())).isEqualTo(convertedAt.plus(SHORTER))));
        System.out.printf(
                "[replay] %d SLA events and the open timers rebuilt from the topics; none sent again, %d sent after%n",
                before.size(), after.size() - before.size());
    }

    /** Posts demo-form leads and returns each lead id with the time of its conversion on the topic. */
    private static Map<String, Instant> postLeads(String prefix, int leads) throws Exception {
        Map<String, Instant> convertedAt = new HashMap<>();
        try (KafkaConsumer<String, String> conversions =
                SuiteClient.consumerAtEnd(suite.bootstrapServers(), Topics.CONVERSIONS)) {
            for (int i = 0; i < leads; i++) {
                HttpResponse<String> accepted =
                        SuiteClient.postDemoForm(intake, prefix + "-" + i + "-" + UUID.randomUUID() + "@example.com");
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                convertedAt.put(JSON.readTree(accepted.body()).get("leadId").asText(), null);
            }
            Instant deadline = Instant.now().plusSeconds(30);
            while (convertedAt.containsValue(null) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : conversions.poll(Duration.ofMillis(250))) {
                    if (convertedAt.containsKey(r.key())) {
                        convertedAt.put(
                                r.key(),
                                Instant.parse(read(r.value()).get("occurredAt").asText()));
                    }
                }
            }
        }
        assertThat(convertedAt).doesNotContainValue(null);
        return convertedAt;
    }

    /** Each open lead's next timer as {@code RULE/KIND@dueAt}. */
    private static Map<String, String> timers() throws Exception {
        Map<String, String> timers = new HashMap<>();
        for (JsonNode timer :
                SuiteClient.getJson(monitor, "/sla/timers?size=500", READER_KEY).get("items")) {
            timers.put(
                    timer.get("leadId").asText(),
                    timer.get("rule").asText() + "/" + timer.get("kind").asText() + "@"
                            + timer.get("dueAt").asText());
        }
        return timers;
    }

    /** The event ids on sla.breaches.v1. */
    private static List<String> eventIds() {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records()) {
            ids.add(read(r.value()).get("eventId").asText());
        }
        return ids;
    }

    /** Every record on sla.breaches.v1 up to its end now, partition by partition. */
    private static List<ConsumerRecord<String, String>> records() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = SuiteClient.consumer(suite.bootstrapServers(), "earliest")) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLA_BREACHES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new HashMap<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    byPartition
                            .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), k -> new ArrayList<>())
                            .add(r);
                }
            }
            partitions.forEach(p -> records.addAll(byPartition.getOrDefault(p, List.of())));
        }
        return records;
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
