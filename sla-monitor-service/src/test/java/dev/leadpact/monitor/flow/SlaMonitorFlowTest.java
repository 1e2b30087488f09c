package dev.leadpact.monitor.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.ContactAttempt;
import dev.leadpact.events.ContactChannel;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadErased;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.LeadStatusChanged;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.events.Topics;
import dev.leadpact.monitor.AdjustableClock;
import dev.leadpact.monitor.outbox.OutboxRelay;
import dev.leadpact.monitor.timer.TimerScanner;
import dev.leadpact.monitor.tracking.LeadSlaRecord;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor on a real broker and database: events produced as the intake publishes them,
 * breaches read back from {@code sla.breaches.v1} by a plain consumer. Test policy (see
 * application.properties): 24/7, first contact within 10 minutes, escalation 10 minutes later,
 * policy version 7. Time moves with {@link AdjustableClock}, never by sleeping.
 */
@QuarkusTest
@WithTestResource(LeadPactTestResource.class)
class SlaMonitorFlowTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    AdjustableClock clock;

    @Inject
    TimerScanner scanner;

    @Inject
    SlaTracker tracker;

    @Inject
    OutboxRelay relay;

    private SlaTopic topic;

    @BeforeEach
    void watch() {
        topic = new SlaTopic(bootstrapServers());
    }

    @AfterEach
    void close() {
        scanner.start();
        relay.start();
        topic.close();
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    private static String newLead() {
        return "lead-" + UUID.randomUUID();
    }

    private void publish(String topicName, LeadEvent event, String ceType) throws Exception {
        ProducerRecord<String, String> record =
                new ProducerRecord<>(topicName, event.leadId(), SlaTopic.JSON.writeValueAsString(event));
        record.headers().add("ce_id", event.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", ceType.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", "/leadpact/intake".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        companion.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    private ConversionEvent convert(String lead, Instant at) throws Exception {
        return convert(lead, at, Stage.SQL);
    }

    private ConversionEvent convert(String lead, Instant at, Stage stage) throws Exception {
        ConversionEvent c = new ConversionEvent(
                UUID.randomUUID().toString(),
                lead,
                at,
                null,
                "demo",
                "demo-request",
                stage,
                Segment.MID,
                null,
                "ada@example.com",
                "Ada",
                null,
                null,
                null,
                "Analytical Engines",
                240,
                "GB",
                "paid-search",
                null,
                null,
                null,
                null,
                null);
        publish(Topics.CONVERSIONS, c, CloudEventTypes.CONVERSION);
        awaitFact(lead, c.eventId());
        return c;
    }

    private void attempt(String lead, Instant at) throws Exception {
        awaitFact(lead, attemptUnawaited(lead, at).eventId());
    }

    /** Publishes a contact attempt and returns at once. */
    private SalesActivity attemptUnawaited(String lead, Instant at) throws Exception {
        SalesActivity a = new ContactAttempt(
                UUID.randomUUID().toString(),
                lead,
                at,
                "rep-jane",
                ContactChannel.PHONE,
                AttemptOutcome.VOICEMAIL,
                null);
        publish(Topics.SALES_ACTIVITIES, a, CloudEventTypes.CONTACT_ATTEMPT);
        return a;
    }

    /** Waits until the monitor has applied the event to the lead. */
    private static void awaitFact(String lead, String eventId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> QuarkusTransaction.requiringNew().call(() -> {
                    LeadSlaRecord r = LeadSlaRecord.findById(lead);
                    return r != null && r.state.contains(eventId);
                }));
    }

    /** Waits until the monitor has stored the lead with a pending timer. */
    private static LeadSlaRecord awaitTimer(String lead) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> QuarkusTransaction.requiringNew().call(() -> LeadSlaRecord.<LeadSlaRecord>findById(lead)),
                        r -> r != null && r.nextDueAt != null);
    }

    private List<SlaEvent> awaitEvents(String lead, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> topic.eventsOf(lead), e -> e.size() >= count);
    }

    @Test
    void aConversionWithoutContactIsWarnedThenBreachedOnTheTopicWithCloudEventsHeaders() throws Exception {
        String lead = newLead();
        Instant start = clock.instant();
        convert(lead, start);

        clock.advance(Duration.ofMinutes(8).plusSeconds(30));
        List<SlaEvent> warning = awaitEvents(lead, 1);
        assertThat(warning).extracting(SlaEvent::kind).containsExactly(SlaEventKind.WARNING);

        clock.advance(Duration.ofMinutes(2));
        List<SlaEvent> events = awaitEvents(lead, 2);
        assertThat(events).extracting(SlaEvent::kind).containsExactly(SlaEventKind.WARNING, SlaEventKind.BREACH);
        SlaEvent breach = events.get(1);
        assertThat(breach.rule()).isEqualTo(SlaRule.FIRST_CONTACT_OVERDUE);
        assertThat(breach.dueAt()).isEqualTo(start.plus(Duration.ofMinutes(10)));
        assertThat(breach.policyId()).isEqualTo("web/mid-sql");
        assertThat(breach.policyVersion()).isEqualTo(7);
        assertThat(breach.segment()).isEqualTo(Segment.MID);

        ConsumerRecord<String, String> record = topic.recordsOf(lead).get(1);
        assertThat(record.key()).isEqualTo(lead);
        Map<String, String> headers = SlaTopic.headers(record);
        assertThat(headers)
                .containsEntry("ce_id", breach.eventId())
                .containsEntry("ce_type", CloudEventTypes.of(SlaEventKind.BREACH))
                .containsEntry("ce_type", "dev.leadpact.sla.breach.v1")
                .containsEntry("ce_source", "/leadpact/sla-monitor")
                .containsEntry("ce_specversion", "1.0");
        assertThat(Instant.parse(headers.get("ce_time"))).isEqualTo(breach.detectedAt());
        assertThat(SlaTopic.headers(topic.recordsOf(lead).get(0)))
                .containsEntry("ce_type", "dev.leadpact.sla.warning.v1");
    }

    @Test
    void aContactAttemptBeforeTheDeadlinePreventsTheBreach() throws Exception {
        String lead = newLead();
        Instant start = clock.instant();
        convert(lead, start);
        clock.advance(Duration.ofMinutes(5));
        attempt(lead, clock.instant());

        clock.advance(Duration.ofMinutes(25));
        // The lead's only timer is now the attempt window's warning, far ahead: nothing was due.
        LeadSlaRecord record = awaitTimer(lead);
        assertThat(record.nextRule).isEqualTo(SlaRule.ATTEMPT_MINIMUM_MISSED.name());
        assertThat(record.nextDueAt).isAfter(clock.instant());
        assertThat(topic.eventsOf(lead)).isEmpty();
    }

    @Test
    void aLateArrivingEarlierAttemptRetractsTheBreach() throws Exception {
        String lead = newLead();
        Instant start = clock.instant();
        convert(lead, start);
        // Straight past the deadline: a warning that would come after it is pointless, only the breach.
        clock.advance(Duration.ofMinutes(11));
        SlaEvent breach = awaitEvents(lead, 1).get(0);
        assertThat(breach.kind()).isEqualTo(SlaEventKind.BREACH);

        attempt(lead, start.plus(Duration.ofMinutes(7)));
        List<SlaEvent> events = awaitEvents(lead, 2);
        SlaEvent retraction = events.get(1);
        assertThat(retraction.kind()).isEqualTo(SlaEventKind.RETRACTION);
        assertThat(retraction.breachId()).isEqualTo(breach.breachId());
        assertThat(SlaTopic.headers(topic.recordsOf(lead).get(1)))
                .containsEntry("ce_type", "dev.leadpact.sla.retraction.v1");

        clock.advance(Duration.ofMinutes(15));
        assertThat(awaitTimer(lead).nextDueAt).isAfter(clock.instant());
        assertThat(topic.eventsOf(lead))
                .as("no escalation of a retracted breach")
                .hasSize(2);
    }

    @Test
    void aClosedDealOnItsTopicEndsTheLeadsClocks() throws Exception {
        String lead = newLead();
        convert(lead, clock.instant());
        DealClosed deal = new DealClosed(
                UUID.randomUUID().toString(),
                "deal-1",
                lead,
                DealOutcome.WON,
                new BigDecimal("12000"),
                "EUR",
                clock.instant(),
                "rep-jane");
        publish(Topics.DEALS_CLOSED, deal, CloudEventTypes.DEAL_CLOSED);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> QuarkusTransaction.requiringNew().call(() -> LeadSlaRecord.<LeadSlaRecord>findById(lead)),
                        r -> r.state.contains(deal.eventId()) && r.nextDueAt == null);
        clock.advance(Duration.ofMinutes(30));
        assertThat(topic.eventsOf(lead)).isEmpty();
    }

    @Test
    void givingUpWithTooFewAttemptsBreachesTheAttemptMinimumAtOnce() throws Exception {
        String lead = newLead();
        convert(lead, clock.instant());
        attempt(lead, clock.instant());
        SalesActivity unreachable = new LeadStatusChanged(
                UUID.randomUUID().toString(), lead, clock.instant(), LeadStatus.UNREACHABLE, "no answer", "rep-jane");
        publish(Topics.SALES_ACTIVITIES, unreachable, CloudEventTypes.LEAD_STATUS_CHANGED);

        SlaEvent breach = awaitEvents(lead, 1).get(0);
        assertThat(breach.kind()).isEqualTo(SlaEventKind.BREACH);
        assertThat(breach.rule()).isEqualTo(SlaRule.ATTEMPT_MINIMUM_MISSED);
        assertThat(breach.attemptsMade()).isEqualTo(1);
        assertThat(breach.attemptsRequired()).isEqualTo(3);
    }

    @Test
    void callingAnIqlIsAPrematureContact() throws Exception {
        String lead = newLead();
        convert(lead, clock.instant(), Stage.IQL);
        attempt(lead, clock.instant());

        SlaEvent violation = awaitEvents(lead, 1).get(0);
        assertThat(violation.kind()).isEqualTo(SlaEventKind.BREACH);
        assertThat(violation.rule()).isEqualTo(SlaRule.PREMATURE_CONTACT);
        assertThat(violation.stage()).isEqualTo(Stage.IQL);
        assertThat(violation.policyId()).isEqualTo("web/mid-iql");
    }

    /**
     * An erasure: the breached lead's state and the other lead's pending timer are gone, no breach
     * fires for it any more, the breach that was emitted is still counted under a pseudonym, and an
     * event from before the erasure that comes later is dropped, while a conversion after it starts
     * the lead anew.
     */
    @Test
    void anErasedLeadIsForgottenWhileItsBreachStaysCountedUnderAPseudonym() throws Exception {
        String breached = newLead();
        String pending = newLead();
        Instant start = clock.instant();
        ConversionEvent conversion = convert(breached, start);
        clock.advance(Duration.ofMinutes(11));
        SlaEvent breach = awaitEvents(breached, 1).get(0);
        convert(pending, clock.instant());
        awaitTimer(pending);
        String breachRows = "SELECT count(*) FROM sla_event WHERE breach_id = ?1";
        await().atMost(Duration.ofSeconds(30)).until(() -> count(breachRows, breach.breachId()) == 1);

        Instant erasedAt = clock.instant();
        erase(breached, erasedAt);
        erase(pending, erasedAt);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        count("SELECT count(*) FROM erased_lead WHERE lead_id IN (?1, ?2)", breached, pending) == 2);

        assertThat(count("SELECT count(*) FROM lead_sla_state WHERE lead_id IN (?1, ?2)", breached, pending))
                .as("SLA states of the erased leads")
                .isZero();
        assertThat(count("SELECT count(*) FROM sla_event WHERE lead_id IN (?1, ?2)", breached, pending))
                .isZero();
        assertThat(count(
                        breachRows + " AND lead_id LIKE 'erased-%' AND payload::jsonb ->> 'leadId' = lead_id",
                        breach.breachId()))
                .as("the breach, still counted, under a pseudonym in its row and its payload")
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sla_event WHERE payload LIKE ?1", "%" + breached + "%"))
                .isZero();

        // The pending lead's deadline passes: no breach. Another lead's breach shows the scanner ran.
        String witness = newLead();
        convert(witness, clock.instant());
        clock.advance(Duration.ofMinutes(11));
        awaitEvents(witness, 1);
        assertThat(topic.eventsOf(pending)).isEmpty();

        // A late event from before the erasure stays out (the attempt after it, on the same
        // partition, shows it was read); a conversion after the erasure is a new start.
        SalesActivity late = attemptUnawaited(breached, start.plusSeconds(60));
        ConversionEvent again = convert(breached, clock.instant());
        attempt(breached, clock.instant());
        LeadSlaRecord anew = awaitTimer(breached);
        assertThat(anew.state)
                .contains(again.eventId())
                .doesNotContain(conversion.eventId())
                .doesNotContain(late.eventId());
        assertThat(tracker.read(anew).attempts).hasSize(1);
    }

    private void erase(String lead, Instant at) throws Exception {
        LeadErased erasure = new LeadErased(UUID.randomUUID().toString(), lead, at, "dsr-" + lead);
        ProducerRecord<String, String> record =
                new ProducerRecord<>(Topics.LEAD_ERASURES, lead, SlaTopic.JSON.writeValueAsString(erasure));
        record.headers().add("ce_id", erasure.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", CloudEventTypes.LEAD_ERASED.getBytes(StandardCharsets.UTF_8));
        companion.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(30));
    }

    private static long count(String sql, Object... parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = LeadSlaRecord.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    /** What the relay has not yet published is the gauge {@code sla_outbox_unpublished}, for alerts. */
    @Test
    void eventsTheRelayHasNotPublishedAreTheOutboxBacklogGauge() throws Exception {
        relay.stop();
        String lead = newLead();
        convert(lead, clock.instant());
        clock.advance(Duration.ofMinutes(11));
        // the gauges are counted every 30 s (leadpact.monitor.scanner.gauge-refresh)
        await().atMost(Duration.ofSeconds(75)).until(() -> outboxBacklog() >= 1);
        assertThat(topic.eventsOf(lead)).isEmpty();
        relay.start();
        awaitEvents(lead, 1);
        await().atMost(Duration.ofSeconds(75)).until(() -> outboxBacklog() == 0);
    }

    private static double outboxBacklog() {
        Matcher gauge = Pattern.compile("(?m)^sla_outbox_unpublished(?:\\{[^}]*})? (\\S+)$")
                .matcher(RestAssured.get("/q/metrics").asString());
        return gauge.find() ? Double.parseDouble(gauge.group(1)) : -1;
    }

    /**
     * An event id older than the dedup retention leaves {@code processed_event}; the event coming
     * again after that still changes nothing, since the lead's state knows its id.
     */
    @Test
    void anEventIdPastTheDedupRetentionIsPurgedAndItsRedeliveryStillChangesNothing() throws Exception {
        String lead = newLead();
        ConversionEvent c = convert(lead, clock.instant());
        String idRows = "SELECT count(*) FROM processed_event WHERE event_id = ?1";
        assertThat(count(idRows, c.eventId())).isEqualTo(1);
        QuarkusTransaction.requiringNew().run(() -> LeadSlaRecord.getEntityManager()
                .createNativeQuery("UPDATE processed_event SET processed_at = processed_at - interval '8 days'"
                        + " WHERE event_id = ?1")
                .setParameter(1, c.eventId())
                .executeUpdate());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(idRows, c.eventId()) == 0);

        publish(Topics.CONVERSIONS, c, CloudEventTypes.CONVERSION);
        ConversionEvent next = convert(lead, clock.instant());
        LeadSlaRecord record = awaitTimer(lead);
        assertThat(record.state.split(c.eventId(), -1))
                .as("the redelivered conversion is recorded once")
                .hasSize(2);
        assertThat(count(idRows, next.eventId())).as("a recent id stays").isEqualTo(1);
    }

    @Test
    void aRedeliveredConversionChangesNothing() throws Exception {
        String lead = newLead();
        ConversionEvent c = convert(lead, clock.instant());
        publish(Topics.CONVERSIONS, c, CloudEventTypes.CONVERSION);
        publish(Topics.CONVERSIONS, c, CloudEventTypes.CONVERSION);
        clock.advance(Duration.ofMinutes(11));
        assertThat(awaitEvents(lead, 1)).extracting(SlaEvent::kind).containsExactly(SlaEventKind.BREACH);
        LeadSlaRecord record = awaitTimer(lead);
        assertThat(record.state.split(c.eventId(), -1))
                .as("the conversion is recorded once")
                .hasSize(2);
        assertThat(topic.eventsOf(lead)).hasSize(1);
    }

    @Test
    void timersThatFellDueWhileNoScannerRanFireExactlyOnceWhenScannersStartAgain() throws Exception {
        scanner.stop();
        relay.stop();
        List<String> leads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String lead = newLead();
            convert(lead, clock.instant());
            leads.add(lead);
        }
        // Down for 25 minutes: the breach (10 min) and the escalation (20 min) both fell due.
        clock.advance(Duration.ofMinutes(25));
        for (String lead : leads) {
            assertThat(topic.eventsOf(lead)).isEmpty();
        }

        // Several "instances" start at once: three threads claiming small batches plus the scanner.
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> claims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            claims.add(pool.submit(() -> {
                int fired = 0;
                int n;
                while ((n = tracker.fireDue(2)) > 0) {
                    fired += n;
                }
                return fired;
            }));
        }
        scanner.start();
        for (Future<Integer> claim : claims) {
            claim.get();
        }
        pool.shutdown();
        // Fired into the outbox; nothing reaches Kafka until a relay runs again.
        for (String lead : leads) {
            assertThat(topic.eventsOf(lead)).isEmpty();
        }
        relay.start();

        for (String lead : leads) {
            List<SlaEvent> events = awaitEvents(lead, 2);
            assertThat(events)
                    .extracting(SlaEvent::kind)
                    .containsExactlyInAnyOrder(SlaEventKind.BREACH, SlaEventKind.ESCALATION);
        }
        // A moment later still nothing doubled.
        Instant until = Instant.now().plusSeconds(1);
        while (Instant.now().isBefore(until)) {
            topic.records();
        }
        for (String lead : leads) {
            List<String> ids =
                    topic.eventsOf(lead).stream().map(SlaEvent::eventId).collect(Collectors.toList());
            assertThat(ids).hasSize(2).doesNotHaveDuplicates();
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheConsumerContinues() throws Exception {
        String poisonKey = newLead();
        companion
                .produceStrings()
                .fromRecords(new ProducerRecord<>(Topics.CONVERSIONS, poisonKey, "{\"eventId\": \"x\", oops"))
                .awaitCompletion(Duration.ofSeconds(30));
        companion
                .produceStrings()
                .fromRecords(new ProducerRecord<>(
                        Topics.CONVERSIONS,
                        poisonKey,
                        "{\"eventId\":\"e-" + poisonKey + "\",\"leadId\":\"" + poisonKey
                                + "\",\"occurredAt\":\"2026-11-20T16:30:00Z\"}"))
                .awaitCompletion(Duration.ofSeconds(30));

        String lead = newLead();
        convert(lead, clock.instant());

        try (SlaTopic dlq = new SlaTopic(bootstrapServers(), Topics.deadLetterOf(Topics.CONVERSIONS))) {
            List<ConsumerRecord<String, String>> dead =
                    await().atMost(Duration.ofSeconds(30)).until(() -> dlq.recordsOf(poisonKey), r -> r.size() >= 2);
            assertThat(SlaTopic.headers(dead.get(0)).get("dead-letter-reason"))
                    .contains("not a valid ConversionEvent JSON");
            assertThat(SlaTopic.headers(dead.get(1)).get("dead-letter-reason")).contains("stage and segment");
        }
    }

    @Test
    void anOutcomeChannelOrStatusAddedAfterThisBuildIsAppliedNotDeadLettered() throws Exception {
        String lead = newLead();
        convert(lead, clock.instant());
        String statusId = UUID.randomUUID().toString();
        String attemptId = UUID.randomUUID().toString();
        companion
                .produceStrings()
                .fromRecords(
                        new ProducerRecord<>(
                                Topics.SALES_ACTIVITIES,
                                lead,
                                "{\"type\":\"STATUS_CHANGED\",\"eventId\":\"" + statusId + "\",\"leadId\":\"" + lead
                                        + "\",\"occurredAt\":\"" + clock.instant() + "\",\"status\":\"NURTURING\"}"),
                        new ProducerRecord<>(
                                Topics.SALES_ACTIVITIES,
                                lead,
                                "{\"type\":\"CONTACT_ATTEMPT\",\"eventId\":\"" + attemptId + "\",\"leadId\":\"" + lead
                                        + "\",\"occurredAt\":\"" + clock.instant() + "\",\"repId\":\"rep-jane\","
                                        + "\"channel\":\"WHATSAPP\",\"outcome\":\"CALLBACK_SCHEDULED\"}"))
                .awaitCompletion(Duration.ofSeconds(30));

        awaitFact(lead, attemptId);
        assertThat(awaitTimer(lead).nextRule)
                .as("the attempt of an unknown outcome was the first contact: the attempt minimum is next")
                .isEqualTo(SlaRule.ATTEMPT_MINIMUM_MISSED.name());
        try (SlaTopic dlq = new SlaTopic(bootstrapServers(), Topics.deadLetterOf(Topics.SALES_ACTIVITIES))) {
            Instant until = Instant.now().plusSeconds(1);
            while (Instant.now().isBefore(until)) {
                dlq.records();
            }
            assertThat(dlq.recordsOf(lead)).isEmpty();
        }
    }
}
