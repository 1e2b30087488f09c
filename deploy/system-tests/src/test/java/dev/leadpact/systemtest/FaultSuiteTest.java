package dev.leadpact.systemtest;

import static dev.leadpact.systemtest.SuiteClient.JSON;
import static dev.leadpact.systemtest.SuiteClient.freePort;
import static dev.leadpact.systemtest.SuiteClient.read;
import static dev.leadpact.systemtest.SuiteClient.readiness;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.events.Topics;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: the packaged services on the local stack, under a steady load of form posts,
 * through the faults a production suite meets. Each test counts both sides: what the intake
 * accepted, what reached the topics, the stores and the breach topic, and what went to a
 * dead-letter topic.
 */
class FaultSuiteTest {
    private static final Duration FIRST_CONTACT = Duration.ofSeconds(15);
    /** As long as the outage the issue names: longer than any retry budget the services had before. */
    private static final Duration OUTAGE = Duration.ofSeconds(60);

    private static final List<String> DEAD_LETTER_TOPICS =
            Topics.ALL.stream().map(Topics::deadLetterOf).toList();

    private static final String SECOND_MONITOR = "sla-monitor-service-2";
    /** {@code dev.leadpact.monitor.FaultPoint.HALT_STATUS}: the monitor's exit status at a fault point. */
    private static final int FAULT_HALT_STATUS = 86;

    private static DevStack suite;
    private static int intake;
    private static int monitor;
    private static int secondMonitor;
    private static int reporting;

    @BeforeAll
    static void startSuite() {
        intake = freePort();
        monitor = freePort();
        secondMonitor = freePort();
        reporting = freePort();
        suite = DevStack.start(
                Path.of("../..").toAbsolutePath().normalize(),
                Path.of("target/faults"),
                List.of(
                        new DevStack.Service("lead-intake-service", intake, null),
                        new DevStack.Service("sla-monitor-service", monitor, "sla_monitor"),
                        // a second instance: the consumer group and the timer claims are shared
                        new DevStack.Service("sla-monitor-service", secondMonitor, "sla_monitor", SECOND_MONITOR),
                        new DevStack.Service("closed-loop-reporting-service", reporting, "reporting")),
                SuiteClient.suiteSettings("fault-suite-secret", "fault-suite-reader-key", FIRST_CONTACT));
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    /**
     * PostgreSQL stopped (its process gone, connections refused) for a minute while forms keep
     * coming: the intake keeps accepting (it has no database), the monitor and the reporting service
     * turn not-ready and wait, and once the database is back every accepted lead is in both stores
     * once, every lead's first-contact breach is on the topic exactly once (most fell due during the
     * outage), and nothing went to a dead-letter topic.
     */
    @Test
    void aDatabaseOutageUnderLoadLosesNothingDeadLettersNothingAndEveryBreachFiresOnce() throws Exception {
        Map<String, Long> deadLettersBefore = endOffsets(DEAD_LETTER_TOPICS);
        Load load = new Load(1, Duration.ofMillis(100));
        try {
            Thread.sleep(5_000);

            suite.stopPostgres();
            Instant stopped = Instant.now();
            awaitStatus(monitor, 503, Duration.ofSeconds(30));
            awaitStatus(reporting, 503, Duration.ofSeconds(30));
            int acceptedBefore = load.accepted.size();
            Thread.sleep(Math.max(
                    0, OUTAGE.minus(Duration.between(stopped, Instant.now())).toMillis()));
            assertThat(load.accepted.size())
                    .as("the intake accepts forms while the database is down")
                    .isGreaterThan(acceptedBefore + 100);
            suite.startPostgres();

            awaitStatus(monitor, 200, Duration.ofSeconds(60));
            awaitStatus(reporting, 200, Duration.ofSeconds(60));
            Thread.sleep(5_000);
            load.stop();
            assertThat(load.failures.get()).as("posts that got no 202").isZero();
            Set<String> leads = Set.copyOf(load.accepted.values());
            assertThat(leads).hasSize(load.accepted.size());

            assertEveryLeadOnceEverywhere("database outage of " + OUTAGE, leads, deadLettersBefore);
        } finally {
            load.stop();
        }
    }

    /**
     * Every lead's first-contact breach is on the topic exactly once, both stores hold every lead
     * once, and no record went to a dead-letter topic since {@code deadLettersBefore}.
     */
    private static void assertEveryLeadOnceEverywhere(
            String fault, Set<String> leads, Map<String, Long> deadLettersBefore) throws Exception {
        // the topic from its start, as a new consumer group reads it (a consumer that sat at the end
        // through an outage may have been reset past records published while it reconnected)
        try (KafkaConsumer<String, String> breaches = SuiteClient.consumer(suite.bootstrapServers(), "earliest")) {
            breaches.subscribe(List.of(Topics.SLA_BREACHES));
            assertEveryLeadBreachedOnce(fault, leads, breaches);
        }
        assertThat(countIn("sla_monitor", "SELECT count(*) FROM lead_sla_state WHERE lead_id = ANY(?)", leads))
                .isEqualTo(leads.size());
        assertThat(countIn("reporting", "SELECT count(*) FROM touchpoint WHERE lead_id = ANY(?)", leads))
                .isEqualTo(leads.size());
        assertThat(endOffsets(DEAD_LETTER_TOPICS)).isEqualTo(deadLettersBefore);
    }

    private static void assertEveryLeadBreachedOnce(
            String fault, Set<String> leads, KafkaConsumer<String, String> breaches) throws Exception {
        Map<String, Set<String>> breachesPerLead = new HashMap<>();
        Set<String> breachIds = new HashSet<>();
        int repeated = 0;
        Instant deadline = Instant.now().plus(FIRST_CONTACT).plusSeconds(90);
        while (Instant.now().isBefore(deadline) && !breachesPerLead.keySet().containsAll(leads)) {
            repeated += count(breaches, leads, breachesPerLead, breachIds);
        }
        // a doubled breach would come right after the first: listen a little longer
        Instant listenUntil = Instant.now().plusSeconds(5);
        while (Instant.now().isBefore(listenUntil)) {
            repeated += count(breaches, leads, breachesPerLead, breachIds);
        }

        System.out.printf(
                "[fault suite] %s: %d leads accepted, %d breaches (%d records repeated an event id), monitor holds"
                        + " %d, reporting holds %d%n",
                fault,
                leads.size(),
                breachIds.size(),
                repeated,
                countIn("sla_monitor", "SELECT count(*) FROM lead_sla_state WHERE lead_id = ANY(?)", leads),
                countIn("reporting", "SELECT count(*) FROM touchpoint WHERE lead_id = ANY(?)", leads));
        assertThat(breachesPerLead.keySet()).containsExactlyInAnyOrderElementsOf(leads);
        // one breach per lead: one breach id, and one event id for it
        assertThat(breachesPerLead.values()).allMatch(ids -> ids.size() == 1);
        assertThat(breachIds).hasSize(leads.size());
    }

    /**
     * The Kafka broker stopped for 20 s and started again while forms keep coming: the intake answers
     * 503 with {@code Retry-After} within its bound (it never holds a request longer) and accepts
     * again by itself once the broker is back; the monitor and the reporting service resume, and
     * every lead that got a 202 is stored once and breached once, nothing dead-lettered.
     */
    @Test
    void aBrokerOutageUnderLoadIsAnswered503AndLosesNothingAccepted() throws Exception {
        Map<String, Long> deadLettersBefore = endOffsets(DEAD_LETTER_TOPICS);
        Load load = new Load(1, Duration.ofMillis(100));
        try {
            Thread.sleep(5_000);
            suite.stopKafka();
            awaitStatus(intake, 503, Duration.ofSeconds(30));
            Thread.sleep(20_000);
            int acceptedDuringOutage = load.accepted.size();
            suite.startKafka();
            awaitStatus(intake, 200, Duration.ofSeconds(60));
            awaitStatus(monitor, 200, Duration.ofSeconds(60));
            awaitStatus(reporting, 200, Duration.ofSeconds(60));
            Thread.sleep(5_000);
            load.stop();

            assertThat(load.unavailable.get())
                    .as("503 answers while the broker was down")
                    .isPositive();
            assertThat(load.failures.get())
                    .as("answers other than 202 and 503 with Retry-After")
                    .isZero();
            assertThat(load.slowestUnavailable.get())
                    .as("slowest 503, in ms (leadpact.publish.timeout is 2 s)")
                    .isLessThan(4_000);
            assertThat(load.accepted.size()).as("accepted after the restart").isGreaterThan(acceptedDuringOutage);
            System.out.printf(
                    "[fault suite] broker outage: %d answered 503 with Retry-After (slowest %d ms)%n",
                    load.unavailable.get(), load.slowestUnavailable.get());
            assertEveryLeadOnceEverywhere(
                    "broker outage of 20 s", Set.copyOf(load.accepted.values()), deadLettersBefore);
        } finally {
            load.stop();
        }
    }

    /**
     * Two monitor instances share the consumer group and the timers; while leads keep coming and
     * their timers fall due, the instances are killed with SIGKILL in turn, four times, at whatever point of their
     * cycle they are (claiming due timers, changing state, writing or relaying the outbox), and
     * started again, so the group rebalances each time. Every lead's breach is on the topic once (by
     * event id: a record whose acknowledgement the killed relay never saw may be sent again, and is
     * counted as repeated), both stores hold every lead once, nothing is dead-lettered.
     */
    @Test
    void monitorsKilledInTurnWhileTimersFireBreachEveryLeadOnce() throws Exception {
        Map<String, Long> deadLettersBefore = endOffsets(DEAD_LETTER_TOPICS);
        // a lead about every 150 ms: from FIRST_CONTACT on, timers fall due all through the kills
        Load load = new Load(1, Duration.ofMillis(150));
        try {
            Thread.sleep(FIRST_CONTACT.plusSeconds(1).toMillis());
            for (String instance :
                    List.of("sla-monitor-service", SECOND_MONITOR, "sla-monitor-service", SECOND_MONITOR)) {
                suite.killService(instance);
                suite.startService(instance);
                Thread.sleep(1_000);
            }
        } finally {
            load.stop();
        }
        assertEveryLeadOnceEverywhere(
                "monitors killed 4 times in turn", Set.copyOf(load.accepted.values()), deadLettersBefore);
    }

    /**
     * One monitor halted (as by SIGKILL: no shutdown, no commit) at each step of its timer cycle in
     * turn, while the breaches of ten leads are due: after claiming the due timers but before any
     * state changed, after the state and the outbox committed but before anything was published,
     * and after the broker acknowledged but before the rows were marked published. Each step is
     * reached (the instance exits with the halt status), what each left behind is checked in the
     * database and on the topic, and after a normal start every lead has its breach exactly once:
     * one breach id, one row in each store. The record the last halt kept from being marked is sent
     * again under the same event id, and the reporting service drops it.
     */
    @Test
    void aMonitorHaltedAtEachStepOfItsTimerCycleBreachesEveryLeadOnce() throws Exception {
        Map<String, Long> deadLettersBefore = endOffsets(DEAD_LETTER_TOPICS);
        Set<String> leads = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> accepted =
                    SuiteClient.postDemoForm(intake, "halted-" + UUID.randomUUID() + "@example.com");
            assertThat(accepted.statusCode()).isEqualTo(202);
            leads.add(JSON.readTree(accepted.body()).get("leadId").asText());
        }
        String timersSet = "SELECT count(*) FROM lead_sla_state WHERE next_due_at IS NOT NULL AND lead_id = ANY(?)";
        awaitCount("sla_monitor", timersSet, leads, leads.size());
        // from here on one instance, started at each step in turn; the timers fall due meanwhile
        suite.killService(SECOND_MONITOR);
        suite.killService("sla-monitor-service");
        Thread.sleep(FIRST_CONTACT.plusSeconds(1).toMillis());
        String breachRows = "SELECT count(*) FROM sla_event WHERE kind = 'BREACH' AND lead_id = ANY(?)";
        String unpublished = breachRows + " AND published_at IS NULL";
        try (KafkaConsumer<String, String> topic =
                SuiteClient.consumerAtEnd(suite.bootstrapServers(), Topics.SLA_BREACHES)) {
            haltAt("BEFORE_STATE_CHANGE");
            assertThat(countIn("sla_monitor", breachRows, leads))
                    .as("breaches stored")
                    .isZero();
            assertThat(countIn("sla_monitor", timersSet, leads))
                    .as("timers still due")
                    .isEqualTo(leads.size());

            haltAt("BEFORE_PUBLISH");
            assertThat(countIn("sla_monitor", unpublished, leads))
                    .as("breaches stored, unpublished")
                    .isEqualTo(leads.size());
            assertThat(breachesOf(topic, leads, Duration.ofSeconds(2)))
                    .as("breaches on the topic")
                    .isEmpty();

            haltAt("AFTER_PUBLISH");
            assertThat(countIn("sla_monitor", unpublished, leads))
                    .as("breaches still unpublished")
                    .isEqualTo(leads.size());
            List<String> sentBeforeTheHalt = breachesOf(topic, leads, Duration.ofSeconds(5));
            assertThat(Set.copyOf(sentBeforeTheHalt))
                    .as("breach event ids on the topic")
                    .hasSize(leads.size());

            suite.startService("sla-monitor-service");
            suite.startService(SECOND_MONITOR);
            awaitCount("sla_monitor", unpublished, leads, 0);
            List<String> sentAgain = breachesOf(topic, leads, Duration.ofSeconds(5));
            System.out.printf(
                    "[fault suite] monitor halted at each step of its cycle: %d leads, %d breach records before the"
                            + " last halt, %d sent again under the same event ids after it%n",
                    leads.size(), sentBeforeTheHalt.size(), sentAgain.size());
            assertThat(sentAgain)
                    .as("sent again: the same events")
                    .containsExactlyInAnyOrderElementsOf(sentBeforeTheHalt);
        }
        assertThat(countIn("sla_monitor", breachRows, leads)).isEqualTo(leads.size());
        awaitCount(
                "reporting",
                "SELECT count(*) FROM sla_event WHERE kind = 'BREACH' AND lead_id = ANY(?)",
                leads,
                leads.size());
        assertEveryLeadOnceEverywhere("monitor halted at each step of its cycle", leads, deadLettersBefore);
    }

    /** Starts the monitor set to halt at {@code point}, and waits until it has. */
    private static void haltAt(String point) throws Exception {
        suite.launchService("sla-monitor-service", Map.of("LEADPACT_MONITOR_FAULT_HALT_AT", point));
        assertThat(suite.awaitExit("sla-monitor-service", Duration.ofSeconds(90)))
                .as("exit status of the monitor set to halt at " + point)
                .isEqualTo(FAULT_HALT_STATUS);
        assertThat(Files.readString(suite.logDir().resolve("sla-monitor-service.log")))
                .contains("Halting at fault point " + point);
    }

    /** The event ids of the leads' breach records that arrive on the topic within {@code quiet}. */
    private static List<String> breachesOf(KafkaConsumer<String, String> topic, Set<String> leads, Duration within) {
        List<String> eventIds = new ArrayList<>();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : topic.poll(Duration.ofMillis(250))) {
                if (leads.contains(record.key())
                        && read(record.value()).get("kind").asText().equals("BREACH")) {
                    eventIds.add(read(record.value()).get("eventId").asText());
                }
            }
        }
        return eventIds;
    }

    /**
     * {@code kill -9} of the intake while 8 clients post: every conversion that got a 202 is on
     * {@code leads.conversions.v1} exactly once (the 202 comes only after the broker acknowledged);
     * the ones in flight when it died may be there too. The restarted intake accepts again.
     */
    @Test
    void aKilledIntakeLosesNoAcceptedConversion() throws Exception {
        Load load = new Load(8, Duration.ZERO);
        int acceptedBeforeKill;
        try {
            Thread.sleep(10_000);
            suite.killService("lead-intake-service");
            acceptedBeforeKill = load.accepted.size();
            suite.startService("lead-intake-service");
            Thread.sleep(3_000);
        } finally {
            load.stop();
        }
        assertThat(load.accepted.size()).as("accepted after the restart").isGreaterThan(acceptedBeforeKill);

        Map<String, Integer> onTopic = new HashMap<>();
        try (KafkaConsumer<String, String> conversions = SuiteClient.consumer(suite.bootstrapServers(), "earliest")) {
            conversions.subscribe(List.of(Topics.CONVERSIONS));
            Instant deadline = Instant.now().plusSeconds(60);
            Set<String> leads = Set.copyOf(load.accepted.values());
            while (Instant.now().isBefore(deadline) && !onTopic.keySet().containsAll(load.acceptedEvents)) {
                for (ConsumerRecord<String, String> record : conversions.poll(Duration.ofMillis(500))) {
                    if (leads.contains(record.key())) {
                        onTopic.merge(read(record.value()).get("eventId").asText(), 1, Integer::sum);
                    }
                }
            }
            // a doubled record would be right behind: one more poll
            conversions.poll(Duration.ofSeconds(2)).forEach(record -> {
                if (leads.contains(record.key())) {
                    onTopic.merge(read(record.value()).get("eventId").asText(), 1, Integer::sum);
                }
            });
        }
        System.out.printf(
                "[fault suite] intake killed under load: %d conversions accepted (%d before the kill), all on the"
                        + " topic; %d posts cut off by the kill or refused while it restarted%n",
                load.accepted.size(), acceptedBeforeKill, load.failures.get());
        Map<String, Integer> acceptedOnTopic =
                load.acceptedEvents.stream().collect(Collectors.toMap(id -> id, id -> onTopic.getOrDefault(id, 0)));
        assertThat(acceptedOnTopic)
                .allSatisfy((eventId, times) -> assertThat(times).as(eventId).isEqualTo(1));
    }

    /**
     * A record that is not JSON, on every topic a service consumes: each consumer sends it to
     * {@code <topic>.dlq} with the reason and where it came from, and goes on with the next record.
     */
    @Test
    void poisonOnEveryConsumedTopicIsDeadLetteredWithItsReasonAndTheConsumersKeepUp() throws Exception {
        // who consumes what: the monitor the three lead topics and the erasures, the reporting
        // service all six
        Set<String> both = Set.of("sla-monitor-service", "closed-loop-reporting-service");
        Set<String> reportingOnly = Set.of("closed-loop-reporting-service");
        Map<String, Set<String>> consumers = Map.of(
                Topics.CONVERSIONS, both,
                Topics.SALES_ACTIVITIES, both,
                Topics.DEALS_CLOSED, both,
                Topics.LEAD_ERASURES, both,
                Topics.SLA_BREACHES, reportingOnly,
                Topics.MARKETING_COMMITMENTS, reportingOnly);
        String key = "poison-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            for (String topic : consumers.keySet()) {
                producer.send(new ProducerRecord<>(topic, key, "{not json")).get();
            }
        }
        HttpResponse<String> after =
                SuiteClient.postDemoForm(intake, "after-poison-" + UUID.randomUUID() + "@example.com");
        assertThat(after.statusCode()).isEqualTo(202);
        String lead = JSON.readTree(after.body()).get("leadId").asText();
        awaitCount("sla_monitor", "SELECT count(*) FROM lead_sla_state WHERE lead_id = ANY(?)", Set.of(lead), 1);
        awaitCount("reporting", "SELECT count(*) FROM touchpoint WHERE lead_id = ANY(?)", Set.of(lead), 1);

        for (Map.Entry<String, Set<String>> topic : consumers.entrySet()) {
            // each consuming service writes it once; again only if a rebalance took its partition
            // before the offset was committed (dead letters are at least once, like all processing)
            Set<String> writers = new HashSet<>();
            try (KafkaConsumer<String, String> dlq = SuiteClient.consumer(suite.bootstrapServers(), "earliest")) {
                dlq.subscribe(List.of(Topics.deadLetterOf(topic.getKey())));
                Instant deadline = Instant.now().plusSeconds(30);
                while (Instant.now().isBefore(deadline) && !writers.containsAll(topic.getValue())) {
                    for (ConsumerRecord<String, String> record : dlq.poll(Duration.ofMillis(500))) {
                        if (!key.equals(record.key())) {
                            continue;
                        }
                        assertThat(record.value()).isEqualTo("{not json");
                        assertThat(SuiteClient.header(record, "dead-letter-reason"))
                                .contains("JSON");
                        assertThat(SuiteClient.header(record, "dead-letter-topic"))
                                .isEqualTo(topic.getKey());
                        assertThat(SuiteClient.header(record, "dead-letter-offset"))
                                .matches("\\d+");
                        writers.add(SuiteClient.header(record, "dead-letter-service"));
                    }
                }
            }
            assertThat(writers)
                    .as("services that dead-lettered the record of " + topic.getKey())
                    .isEqualTo(topic.getValue());
        }
        // the reporting service consumes every topic: its counter names each, for alerts
        String metrics = SuiteClient.HTTP
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + reporting + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        for (String topic : consumers.keySet()) {
            assertThat(metrics).contains("leadpact_dead_letters_total{topic=\"" + topic + "\"}");
        }
    }

    /**
     * A conversion that was dead-lettered (here written to the dead-letter topic as a consumer
     * would) and is fine now: the re-drive command writes it back onto its topic, both services
     * store it, and a second run does not write it again.
     */
    @Test
    void theRedriveCommandWritesADeadLetteredConversionBackOntoItsTopicOnce() throws Exception {
        HttpResponse<String> posted = SuiteClient.postDemoForm(intake, "model-" + UUID.randomUUID() + "@example.com");
        assertThat(posted.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(posted.body());
        ConsumerRecord<String, String> model = awaitRecords(
                        Topics.CONVERSIONS, accepted.get("leadId").asText(), 1)
                .get(0);

        String lead = "redriven-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        ObjectNode repaired = (ObjectNode) read(model.value());
        repaired.put("eventId", eventId).put("leadId", lead);
        ProducerRecord<String, String> dead =
                new ProducerRecord<>(Topics.deadLetterOf(Topics.CONVERSIONS), lead, repaired.toString());
        model.headers().forEach(h -> dead.headers().add(h));
        dead.headers().remove("ce_id").add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-reason", "storing failed: a bug since fixed".getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-topic", Topics.CONVERSIONS.getBytes(StandardCharsets.UTF_8));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(dead).get();
        }

        DevStack.CommandResult first = suite.runCommand(
                "closed-loop-reporting-service",
                Duration.ofMinutes(2),
                "redrive-dead-letters",
                Topics.deadLetterOf(Topics.CONVERSIONS));
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("re-drove");
        awaitCount("sla_monitor", "SELECT count(*) FROM lead_sla_state WHERE lead_id = ANY(?)", Set.of(lead), 1);
        awaitCount("reporting", "SELECT count(*) FROM touchpoint WHERE lead_id = ANY(?)", Set.of(lead), 1);

        DevStack.CommandResult second = suite.runCommand(
                "closed-loop-reporting-service",
                Duration.ofMinutes(2),
                "redrive-dead-letters",
                Topics.deadLetterOf(Topics.CONVERSIONS));
        assertThat(second.exitCode()).as(second.output()).isZero();
        List<ConsumerRecord<String, String>> onTopic = awaitRecords(Topics.CONVERSIONS, lead, 1);
        assertThat(onTopic).hasSize(1);
        assertThat(SuiteClient.header(onTopic.get(0), "leadpact-redriven-from"))
                .startsWith(Topics.deadLetterOf(Topics.CONVERSIONS) + "/");
        assertThat(SuiteClient.header(onTopic.get(0), "dead-letter-reason")).isNull();
        assertThat(SuiteClient.header(onTopic.get(0), "ce_id")).isEqualTo(eventId);

        DevStack.CommandResult wrong = suite.runCommand(
                "closed-loop-reporting-service", Duration.ofMinutes(2), "redrive-dead-letters", Topics.CONVERSIONS);
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(2);
        assertThat(wrong.output()).contains("not a dead-letter topic");
    }

    /** Clients posting demo forms with new emails, each as fast as answers come or at a pace. */
    private static final class Load {
        final Map<String, String> accepted = new ConcurrentHashMap<>();
        final Set<String> acceptedEvents = ConcurrentHashMap.newKeySet();
        final AtomicInteger failures = new AtomicInteger();
        /** 503 answers with a Retry-After, as problem+json; and the slowest of them, in ms. */
        final AtomicInteger unavailable = new AtomicInteger();

        final AtomicLong slowestUnavailable = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService clients;

        Load(int clientCount, Duration pause) {
            clients = Executors.newFixedThreadPool(clientCount);
            for (int i = 0; i < clientCount; i++) {
                clients.submit(() -> {
                    while (running.get()) {
                        post();
                        Thread.sleep(pause.toMillis());
                    }
                    return null;
                });
            }
        }

        private void post() throws InterruptedException {
            String email = "fault-" + UUID.randomUUID() + "@example.com";
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = SuiteClient.postDemoForm(intake, email);
                if (response.statusCode() == 202) {
                    JsonNode body = JSON.readTree(response.body());
                    accepted.put(email, body.get("leadId").asText());
                    acceptedEvents.add(body.get("eventId").asText());
                } else if (response.statusCode() == 503
                        && response.headers().firstValue("Retry-After").isPresent()
                        && response.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .startsWith("application/problem+json")) {
                    unavailable.incrementAndGet();
                    slowestUnavailable.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                } else {
                    failures.incrementAndGet();
                }
            } catch (IOException noAnswer) {
                failures.incrementAndGet();
                Thread.sleep(100);
            }
        }

        /** Stops the clients (again: a no-op) and waits for their last answers. */
        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Counts the breaches of the leads by event id (a consumer drops a record whose event id it has
     * seen); returns how many records repeated an event id, which the outbox may send again when
     * the broker's acknowledgement was lost.
     */
    private static int count(
            KafkaConsumer<String, String> breaches,
            Set<String> leads,
            Map<String, Set<String>> breachesPerLead,
            Set<String> breachIds) {
        int repeated = 0;
        for (ConsumerRecord<String, String> record : breaches.poll(Duration.ofMillis(500))) {
            // keyed by lead id; other tests' records (a poison one among them) are not read
            if (!leads.contains(record.key())) {
                continue;
            }
            JsonNode event = read(record.value());
            String lead = event.get("leadId").asText();
            if (event.get("kind").asText().equals("BREACH")) {
                assertThat(event.get("rule").asText()).isEqualTo("FIRST_CONTACT_OVERDUE");
                breachesPerLead
                        .computeIfAbsent(lead, l -> new HashSet<>())
                        .add(event.get("breachId").asText());
                if (!breachIds.add(event.get("eventId").asText())) {
                    repeated++;
                }
            }
        }
        return repeated;
    }

    private static void awaitStatus(int port, int status, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        int seen = readiness(port);
        while (seen != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            seen = readiness(port);
        }
        assertThat(seen).as("readiness of the service on port " + port).isEqualTo(status);
    }

    private static List<ConsumerRecord<String, String>> awaitRecords(String topic, String key, int expected) {
        return SuiteClient.awaitRecords(suite.bootstrapServers(), topic, key, expected);
    }

    private static void awaitCount(String database, String sql, Set<String> leads, long expected) throws Exception {
        SuiteClient.awaitCount(suite.jdbcUrl(database), sql, leads, expected);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        suite.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static long countIn(String database, String sql, Set<String> leads) throws SQLException {
        return SuiteClient.count(suite.jdbcUrl(database), sql, leads);
    }

    /** The end offset of every partition of the topics (none for a topic that does not exist). */
    private static Map<String, Long> endOffsets(List<String> topics) {
        try (KafkaConsumer<String, String> consumer = SuiteClient.consumer(suite.bootstrapServers(), "earliest")) {
            Map<String, Long> ends = new HashMap<>();
            for (String topic : topics) {
                List<TopicPartition> partitions = new ArrayList<>();
                consumer.listTopics()
                        .getOrDefault(topic, List.of())
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                consumer.endOffsets(partitions).forEach((tp, end) -> ends.put(tp.toString(), end));
            }
            return ends;
        }
    }
}
