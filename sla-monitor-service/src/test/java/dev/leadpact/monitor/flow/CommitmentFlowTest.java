package dev.leadpact.monitor.flow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Marketing's commitment on a real database and broker. Test settings (application.properties):
 * checkpoints every hour (UTC), 100,000 qualified leads per rep and month (so any team here is
 * short at every checkpoint), the team {@code late-crew} with one lead per rep and month, and the
 * team {@code floor-team} with 5 reps configured.
 * Shortfalls are read from {@code sla.breaches.v1} with a plain consumer, checkpoints from the ops
 * API. Time moves with {@link AdjustableClock}.
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

    @BeforeEach
    void watch() {
        topic = new SlaTopic(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void close() {
        scanner.start();
        relay.start();
        topic.close();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** A new lead of the team at {@code stage}, converted at {@code at}, owned by {@code rep}. */
    private String lead(String team, Stage stage, Instant at, String rep) {
        String lead = "lead-" + id();
        tracker.apply(Events.conversion(id(), lead, at, stage, Segment.MID));
        tracker.apply(Events.owner(id(), lead, at, rep, null, team));
        return lead;
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
        Instant until = Instant.now().plusSeconds(1);
        while (Instant.now().isBefore(until)) {
            topic.records();
        }
        events = topic.eventsOf(scope);
        assertThat(events)
                .extracting(SlaEvent::dueAt)
                .containsExactlyInAnyOrder(first, first.plus(Duration.ofHours(1)), first.plus(Duration.ofHours(2)));
        assertThat(events).extracting(SlaEvent::kind).containsOnly(SlaEventKind.BREACH);
        assertThat(events.stream().map(SlaEvent::eventId).collect(Collectors.toList()))
                .doesNotHaveDuplicates();
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
    void aBadMonthIsAProblem() {
        given().queryParam("month", "November")
                .get("/sla/commitments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }
}
