package dev.leadpact.monitor.flow;

import static dev.leadpact.monitor.ReaderKey.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.CheckpointVerdict;
import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.events.Topics;
import dev.leadpact.monitor.AdjustableClock;
import dev.leadpact.monitor.commitment.CommitmentTracker;
import dev.leadpact.monitor.outbox.OutboxRelay;
import dev.leadpact.monitor.rules.Events;
import dev.leadpact.monitor.timer.TimerScanner;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Marketing's commitment on a real database and broker. Test settings (application.properties):
 * checkpoints every hour (UTC), 100,000 qualified leads per rep and month (so any team here is
 * short at every checkpoint), the team {@code late-crew} with one lead per rep and month, and the
 * team {@code floor-team} with 5 reps configured.
 * The teams {@code paced-crew} and {@code recount-crew} owe one lead per rep and month, and
 * {@code segment:LARGE} is tracked with at least one rep. Shortfalls are read from
 * {@code sla.breaches.v1}, counts from {@code marketing.commitments.v1}, each with a plain consumer,
 * checkpoints from the ops API. Time moves with {@link AdjustableClock}.
 */
@QuarkusTest
@WithTestResource(LeadPactTestResource.class)
class CommitmentFlowTest {
    private static final long PER_REP = 100_000;

    @Inject
    AdjustableClock clock;

    @Inject
    SlaTracker tracker;

    @Inject
    CommitmentTracker commitments;

    @Inject
    TimerScanner scanner;

    @Inject
    OutboxRelay relay;

    private SlaTopic topic;
    private SlaTopic counts;

    @BeforeEach
    void watch() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        topic = new SlaTopic(bootstrap);
        counts = new SlaTopic(bootstrap, Topics.MARKETING_COMMITMENTS);
    }

    @AfterEach
    void close() {
        scanner.start();
        relay.start();
        topic.close();
        counts.close();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** A new lead of the team at {@code stage}, converted at {@code at}, owned by {@code rep}. */
    private String lead(String team, Stage stage, Instant at, String rep) {
        return lead(team, stage, Segment.MID, at, rep);
    }

    /** A new lead of the segment (and of the team, unless null), owned by {@code rep}. */
    private String lead(String team, Stage stage, Segment segment, Instant at, String rep) {
        String lead = "lead-" + id();
        tracker.apply(Events.conversion(id(), lead, at, stage, segment));
        tracker.apply(Events.owner(id(), lead, at, rep, null, team));
        return lead;
    }

    /** Every record on marketing.commitments.v1 of the scope's checkpoint due at {@code due}. */
    private List<ConsumerRecord<String, String>> countRecords(String scope, Instant due) {
        return counts.recordsOf(scope).stream()
                .filter(r -> SlaTopic.parse(r.value(), CommitmentCheckpoint.class)
                        .dueAt()
                        .equals(due))
                .collect(Collectors.toList());
    }

    /** Every count of the scope's checkpoint due at {@code due}, in the order they were published. */
    private List<CommitmentCheckpoint> countsOf(String scope, Instant due) {
        return countRecords(scope, due).stream()
                .map(r -> SlaTopic.parse(r.value(), CommitmentCheckpoint.class))
                .collect(Collectors.toList());
    }

    /** The checkpoint's standing on the topic: its count with the latest countedAt, then eventId. */
    private CommitmentCheckpoint latestCount(String scope, Instant due) {
        return countsOf(scope, due).stream()
                .max(Comparator.comparing(CommitmentCheckpoint::countedAt).thenComparing(CommitmentCheckpoint::eventId))
                .orElseThrow(() -> new AssertionError("no count of " + scope + " at " + due));
    }

    /** The ops API's row of the scope's checkpoint due at {@code due}. */
    private Map<String, Object> listed(String scope, Instant due) {
        return checkpoints(scope, due.minusNanos(1)).stream()
                .filter(c -> Instant.parse((String) c.get("dueAt")).equals(due))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no checkpoint of " + scope + " at " + due));
    }

    /**
     * Waits until the checkpoint is counted and its latest count on marketing.commitments.v1 says
     * what {@code GET /sla/commitments} lists for it; returns that count.
     */
    private CommitmentCheckpoint awaitAgreement(String scope, Instant due) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> listed = listed(scope, due);
            assertThat(listed.get("verdict")).as("%s at %s", scope, due).isNotEqualTo("PENDING");
            CommitmentCheckpoint count = latestCount(scope, due);
            assertThat(count.verdict().name()).as("verdict").isEqualTo(listed.get("verdict"));
            assertThat(count.reps()).as("reps").isEqualTo(((Number) listed.get("reps")).intValue());
            assertThat(count.target()).as("target").isEqualTo(((Number) listed.get("target")).longValue());
            assertThat(count.expected()).as("expected").isEqualTo(((Number) listed.get("expected")).longValue());
            assertThat(count.delivered()).as("delivered").isEqualTo(((Number) listed.get("delivered")).longValue());
            assertThat(count.gap()).as("gap").isEqualTo(((Number) listed.get("gap")).longValue());
            assertThat(count.monthEnd()).as("monthEnd").isEqualTo(listed.get("monthEnd"));
        });
        CommitmentCheckpoint count = latestCount(scope, due);
        assertThat(count.scope()).isEqualTo(scope);
        assertThat(count.monthStart())
                .isEqualTo(YearMonth.from(due.minusNanos(1).atZone(ZoneOffset.UTC))
                        .atDay(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
        assertThat(count.gap()).isEqualTo(Math.max(0, count.expected() - count.delivered()));
        assertThat(count.policyId()).isEqualTo("marketing-volume");
        assertThat(count.policyVersion()).isEqualTo(1);
        return count;
    }

    private List<Map<String, Object>> checkpoints(String scope, Instant inMonth) {
        return given().queryParam("scope", scope)
                .queryParam(
                        "month", YearMonth.from(inMonth.atZone(ZoneOffset.UTC)).toString())
                .get("/sla/commitments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }

    /** The scope's next pending checkpoint, once the tracker has scheduled it. */
    private Instant nextCheckpoint(String scope) {
        commitments.schedule();
        Instant now = clock.instant();
        return checkpoints(scope, now).stream()
                .filter(c -> "PENDING".equals(c.get("verdict")))
                .map(c -> Instant.parse((String) c.get("dueAt")))
                .filter(due -> due.isAfter(now))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pending checkpoint for " + scope));
    }

    /** Due at an hourly checkpoint: the pro-rata share of the month (UTC), rounded up; all at its end. */
    private static long proRata(long target, Instant checkpoint) {
        YearMonth month = YearMonth.from(checkpoint.minusNanos(1).atZone(ZoneOffset.UTC));
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long seconds = Duration.ofDays(month.lengthOfMonth()).toSeconds();
        long elapsed = Duration.between(start, checkpoint).toSeconds();
        return (target * elapsed + seconds - 1) / seconds;
    }

    private List<SlaEvent> awaitEvents(String scope, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> topic.eventsOf(scope), e -> e.size() >= count);
    }

    /** Reads on for a second, so that a record sent twice would be seen. */
    private static void settle(SlaTopic watched) {
        Instant until = Instant.now().plusSeconds(1);
        while (Instant.now().isBefore(until)) {
            watched.records();
        }
    }

    private void moveTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant).plusSeconds(1));
    }

    @Test
    void aTeamShortOfItsProRataShareGetsAShortfallAtTheCheckpoint() throws Exception {
        String team = "team-" + id();
        String scope = "team:" + team;
        Instant now = clock.instant();
        lead(team, Stage.SQL, now, "rep-1");
        lead(team, Stage.SQL, now, "rep-2");
        lead(team, Stage.MQL, now, "rep-1"); // below the qualifying stage (SQL): not delivered
        String disqualified = lead(team, Stage.SQL, now, "rep-2");
        tracker.apply(Events.status(id(), disqualified, now.plusSeconds(60), LeadStatus.DISQUALIFIED));

        Instant due = nextCheckpoint(scope);
        assertThat(topic.eventsOf(scope)).isEmpty();
        moveTo(due);

        SlaEvent shortfall = awaitEvents(scope, 1).get(0);
        long expected = proRata(2 * PER_REP, due);
        assertThat(shortfall.kind()).isEqualTo(SlaEventKind.BREACH);
        assertThat(shortfall.rule()).isEqualTo(SlaRule.LEAD_VOLUME_SHORTFALL);
        assertThat(shortfall.leadId()).isEqualTo(scope);
        assertThat(shortfall.team()).isEqualTo(team);
        assertThat(shortfall.dueAt()).isEqualTo(due);
        assertThat(shortfall.delivered()).isEqualTo(2);
        assertThat(shortfall.expected()).isEqualTo((int) expected);
        assertThat(shortfall.gap()).isEqualTo((int) expected - 2);
        assertThat(shortfall.policyId()).isEqualTo("marketing-volume");
        assertThat(shortfall.lateBySeconds()).isNotNegative();
        assertThat(SlaTopic.headers(topic.recordsOf(scope).get(0)))
                .containsEntry("ce_type", "dev.leadpact.sla.breach.v1")
                .containsEntry("ce_id", shortfall.eventId());

        JsonPath counted = given().queryParam("scope", scope)
                .queryParam(
                        "month",
                        YearMonth.from(due.minusNanos(1).atZone(ZoneOffset.UTC)).toString())
                .get("/sla/commitments")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(counted.getString("[0].verdict")).isEqualTo("SHORT");
        assertThat(counted.getInt("[0].reps")).isEqualTo(2);
        assertThat(counted.getLong("[0].target")).isEqualTo(2 * PER_REP);
        assertThat(counted.getLong("[0].delivered")).isEqualTo(2);
        assertThat(counted.getLong("[0].gap")).isEqualTo(expected - 2);
        // the next checkpoint is already stored
        assertThat(checkpoints(scope, due)).anySatisfy(c -> {
            assertThat(c.get("verdict")).isEqualTo("PENDING");
            assertThat(Instant.parse((String) c.get("dueAt"))).isAfter(due);
        });
    }

    @Test
    void checkpointsThatFellDueWhileNoInstanceRanFireOnceEachWhenInstancesStart() throws Exception {
        String team = "team-" + id();
        String scope = "team:" + team;
        lead(team, Stage.SQL, clock.instant(), "rep-1");
        Instant first = nextCheckpoint(scope);
        scanner.stop();
        relay.stop();
        // Down for two more hours: three hourly checkpoints fell due.
        moveTo(first.plus(Duration.ofHours(2)));

        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> claims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            claims.add(pool.submit(() -> {
                int counted = 0;
                int n;
                while ((n = commitments.fireDue(1)) > 0) {
                    counted += n;
                }
                return counted;
            }));
        }
        scanner.start();
        for (Future<Integer> claim : claims) {
            claim.get();
        }
        pool.shutdown();
        relay.start();

        List<SlaEvent> events = awaitEvents(scope, 3);
        settle(topic);
        events = topic.eventsOf(scope);
        assertThat(events)
                .extracting(SlaEvent::dueAt)
                .containsExactlyInAnyOrder(first, first.plus(Duration.ofHours(1)), first.plus(Duration.ofHours(2)));
        assertThat(events).extracting(SlaEvent::kind).containsOnly(SlaEventKind.BREACH);
        assertThat(events.stream().map(SlaEvent::eventId).collect(Collectors.toList()))
                .doesNotHaveDuplicates();
        // and one count of each on marketing.commitments.v1
        List<Instant> dues = List.of(first, first.plus(Duration.ofHours(1)), first.plus(Duration.ofHours(2)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dues.stream().noneMatch(due -> countsOf(scope, due).isEmpty()));
        settle(counts);
        for (int hour = 0; hour < 3; hour++) {
            Instant due = first.plus(Duration.ofHours(hour));
            assertThat(countsOf(scope, due))
                    .as("counts at %s", due)
                    .singleElement()
                    .satisfies(count -> {
                        assertThat(count.verdict()).isEqualTo(CheckpointVerdict.SHORT);
                        assertThat(count.delivered()).isEqualTo(1);
                    });
        }
    }

    @Test
    void aConversionThatArrivesLateRetractsTheShortfallItDisproves() throws Exception {
        // late-crew owes one SQL a month per rep; its one rep has only an MQL so far
        String scope = "team:late-crew";
        lead("late-crew", Stage.MQL, clock.instant(), "rep-late");
        Instant due = nextCheckpoint(scope);
        moveTo(due);
        SlaEvent shortfall = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> topic.eventsOf(scope).stream()
                                .filter(e -> e.dueAt().equals(due))
                                .collect(Collectors.toList()),
                        e -> !e.isEmpty())
                .get(0);
        assertThat(shortfall.kind()).isEqualTo(SlaEventKind.BREACH);
        assertThat(shortfall.delivered()).isZero();
        assertThat(shortfall.expected()).isEqualTo(1);

        // The CRM reports an SQL that converted a minute before the checkpoint.
        lead("late-crew", Stage.SQL, due.minus(Duration.ofMinutes(1)), "rep-late");
        List<SlaEvent> forDue = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> topic.eventsOf(scope).stream()
                                .filter(e -> e.dueAt().equals(due))
                                .collect(Collectors.toList()),
                        e -> e.size() >= 2);
        SlaEvent retraction = forDue.get(1);
        assertThat(retraction.kind()).isEqualTo(SlaEventKind.RETRACTION);
        assertThat(retraction.breachId()).isEqualTo(shortfall.breachId());
        assertThat(retraction.delivered()).isEqualTo(1);
        assertThat(retraction.gap()).isZero();
        assertThat(checkpoints(scope, due.minusNanos(1)))
                .filteredOn(c -> Instant.parse((String) c.get("dueAt")).equals(due))
                .singleElement()
                .satisfies(c -> assertThat(c.get("verdict")).isEqualTo("RETRACTED"));
    }

    @Test
    void configuredRepsAreTheFewestATeamHas() throws Exception {
        // floor-team is configured with 5 reps; only one has got a lead so far
        String scope = "team:floor-team";
        lead("floor-team", Stage.SQL, clock.instant(), "rep-floor");
        Instant due = nextCheckpoint(scope);
        moveTo(due);
        SlaEvent shortfall = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> topic.eventsOf(scope).stream()
                                .filter(e -> e.dueAt().equals(due))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(shortfall.expected()).isEqualTo((int) proRata(5 * PER_REP, due));
        assertThat(checkpoints(scope, due.minusNanos(1)))
                .filteredOn(c -> Instant.parse((String) c.get("dueAt")).equals(due))
                .singleElement()
                .satisfies(c -> assertThat(c.get("reps")).isEqualTo(5));
    }

    @Test
    void everyCountOfACheckpointIsPublishedAsTheOpsApiListsIt() throws Exception {
        Instant now = clock.instant();
        String team = "team-" + id();
        String shortTeam = "team:" + team;
        String paced = "team:paced-crew";
        String recount = "team:recount-crew";
        String large = "segment:LARGE";
        lead(team, Stage.SQL, now, "rep-a1");
        lead(team, Stage.SQL, now, "rep-a2");
        lead("paced-crew", Stage.SQL, now, "rep-paced"); // owes one a month, has it: met
        lead("recount-crew", Stage.MQL, now, "rep-recount"); // owes one, has none yet: short
        lead(null, Stage.SQL, Segment.LARGE, now, "rep-large-" + id());
        List<String> scopes = List.of(shortTeam, paced, recount, large);

        Instant due = nextCheckpoint(shortTeam);
        for (String scope : scopes) {
            assertThat(nextCheckpoint(scope)).as(scope).isEqualTo(due);
            assertThat(countsOf(scope, due))
                    .as("%s before its checkpoint", scope)
                    .isEmpty();
        }
        moveTo(due);

        CommitmentCheckpoint shortCount = awaitAgreement(shortTeam, due);
        assertThat(shortCount.verdict()).isEqualTo(CheckpointVerdict.SHORT);
        assertThat(shortCount.team()).isEqualTo(team);
        assertThat(shortCount.segment()).isNull();
        assertThat(shortCount.reps()).isEqualTo(2);
        assertThat(shortCount.target()).isEqualTo(2 * PER_REP);
        assertThat(shortCount.expected()).isEqualTo(proRata(2 * PER_REP, due));
        assertThat(shortCount.delivered()).isEqualTo(2);
        assertThat(shortCount.dueAt()).isEqualTo(due);
        // the first count is the one the ops API dates
        assertThat(shortCount.countedAt())
                .isEqualTo(Instant.parse((String) listed(shortTeam, due).get("countedAt")))
                .isAfterOrEqualTo(due);
        CommitmentCheckpoint met = awaitAgreement(paced, due);
        assertThat(met.verdict()).isEqualTo(CheckpointVerdict.MET);
        assertThat(met.delivered()).isEqualTo(1);
        assertThat(met.expected()).isEqualTo(1);
        assertThat(met.gap()).isZero();
        CommitmentCheckpoint firstCount = awaitAgreement(recount, due);
        assertThat(firstCount.verdict()).isEqualTo(CheckpointVerdict.SHORT);
        assertThat(firstCount.delivered()).isZero();
        CommitmentCheckpoint segment = awaitAgreement(large, due);
        assertThat(segment.verdict()).isEqualTo(CheckpointVerdict.SHORT);
        assertThat(segment.segment()).isEqualTo(Segment.LARGE);
        assertThat(segment.team()).isNull();

        // The CRM reports an SQL that converted a minute before the checkpoint: a recount.
        lead("recount-crew", Stage.SQL, due.minus(Duration.ofMinutes(1)), "rep-recount");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> latestCount(recount, due).verdict() == CheckpointVerdict.RETRACTED);
        CommitmentCheckpoint recounted = awaitAgreement(recount, due);
        assertThat(recounted.countedAt()).isAfter(firstCount.countedAt());
        assertThat(recounted.eventId()).isNotEqualTo(firstCount.eventId());
        assertThat(recounted.delivered()).isEqualTo(1);
        assertThat(recounted.gap()).isZero();
        assertThat(recounted.reps()).isEqualTo(firstCount.reps());
        assertThat(recounted.target()).isEqualTo(firstCount.target());
        assertThat(recounted.expected()).isEqualTo(firstCount.expected());
        assertThat(countsOf(recount, due))
                .extracting(CommitmentCheckpoint::verdict)
                .containsExactly(CheckpointVerdict.SHORT, CheckpointVerdict.RETRACTED);
        // ... and the shortfall it disproves is still retracted on sla.breaches.v1
        assertThat(await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> topic.eventsOf(recount).stream()
                                        .filter(e -> e.dueAt().equals(due))
                                        .collect(Collectors.toList()),
                                e -> e.size() >= 2))
                .extracting(SlaEvent::kind)
                .containsExactly(SlaEventKind.BREACH, SlaEventKind.RETRACTION);

        Instant next = nextCheckpoint(shortTeam);
        moveTo(next);
        assertThat(awaitAgreement(shortTeam, next).verdict()).isEqualTo(CheckpointVerdict.SHORT);
        CheckpointVerdict pacedNext = awaitAgreement(paced, next).verdict();
        CheckpointVerdict recountNext = awaitAgreement(recount, next).verdict();
        awaitAgreement(large, next);
        if (YearMonth.from(due.minusNanos(1).atZone(ZoneOffset.UTC))
                .equals(YearMonth.from(next.minusNanos(1).atZone(ZoneOffset.UTC)))) {
            // (unless due closed the month: then next starts a month with nothing delivered yet)
            assertThat(pacedNext).isEqualTo(CheckpointVerdict.MET);
            assertThat(recountNext).isEqualTo(CheckpointVerdict.MET);
        }
        settle(counts);

        // Nothing lost, nothing doubled: one record per count, each under its own id, with its headers.
        Map<String, Integer> countsAtDue = Map.of(shortTeam, 1, paced, 1, recount, 2, large, 1);
        List<String> ids = new ArrayList<>();
        for (String scope : scopes) {
            assertThat(countRecords(scope, due)).as(scope).hasSize(countsAtDue.get(scope));
            assertThat(countRecords(scope, next)).as(scope).hasSize(1);
            List<ConsumerRecord<String, String>> records = new ArrayList<>(countRecords(scope, due));
            records.addAll(countRecords(scope, next));
            for (ConsumerRecord<String, String> record : records) {
                CommitmentCheckpoint count = SlaTopic.parse(record.value(), CommitmentCheckpoint.class);
                assertThat(record.key()).isEqualTo(scope);
                assertThat(SlaTopic.headers(record))
                        .containsEntry("ce_id", count.eventId())
                        .containsEntry("ce_type", CloudEventTypes.COMMITMENT_CHECKPOINT)
                        .containsEntry("ce_source", "/leadpact/sla-monitor")
                        .containsEntry("ce_time", count.countedAt().toString())
                        .containsEntry("ce_specversion", "1.0")
                        .containsEntry("content-type", "application/json");
                ids.add(count.eventId());
            }
        }
        assertThat(ids).hasSize(5 + 4).doesNotHaveDuplicates();
    }

    @Test
    void aBadMonthIsAProblem() {
        given().queryParam("month", "November")
                .get("/sla/commitments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
