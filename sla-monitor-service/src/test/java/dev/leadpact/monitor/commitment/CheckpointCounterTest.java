package dev.leadpact.monitor.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEventKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CheckpointCounterTest {
    private static final Duration ROSTER_WINDOW = Duration.ofDays(30);
    private static final Duration DISQUALIFICATION_WINDOW = Duration.ofDays(14);
    private static final CheckpointSchedule WEEKLY = new CheckpointSchedule(ZoneOffset.UTC, "weekly");
    private static final CheckpointCounter COUNTER =
            new CheckpointCounter(WEEKLY, ROSTER_WINDOW, DISQUALIFICATION_WINDOW);

    /** A Monday: 8 of November's 30 days have passed. */
    private static final Instant DUE = Instant.parse("2026-11-09T00:00:00Z");

    private static final MarketingCommitment.Scope EMEA =
            new MarketingCommitment.Scope("team:emea", "emea", null, OptionalInt.empty(), 3);
    private static final MarketingCommitment.Scope LARGE =
            new MarketingCommitment.Scope("segment:LARGE", null, Segment.LARGE, OptionalInt.of(4), 3);

    private static RepSpan rep(String owner, String first, String last) {
        return new RepSpan("team:emea", owner, Instant.parse(first), Instant.parse(last));
    }

    private static QualifiedLead lead(String id, String qualified, Segment segment, String team, String disqualified) {
        return new QualifiedLead(
                id, Instant.parse(qualified), segment, team, disqualified == null ? null : Instant.parse(disqualified));
    }

    private static Checkpoint pending(String scope) {
        return new Checkpoint(
                scope, DUE, Instant.parse("2026-11-01T00:00:00Z"), false, null, null, null, null, null, null);
    }

    @Test
    void aRepServesFromTheirFirstAssignmentUntilTheRosterWindowAfterTheirLast() {
        List<RepSpan> roster = List.of(
                rep("serving", "2026-10-01T00:00:00Z", "2026-11-05T00:00:00Z"),
                rep("joined-at-the-checkpoint", "2026-11-09T00:00:00Z", "2026-11-09T00:00:00Z"),
                rep("last-lead-exactly-a-window-ago", "2026-09-01T00:00:00Z", "2026-10-10T00:00:00Z"),
                rep("gone", "2026-09-01T00:00:00Z", "2026-10-09T23:59:59Z"));

        assertThat(COUNTER.rosterAt(roster, DUE)).isEqualTo(2);
        assertThat(COUNTER.reps(EMEA, roster, DUE)).isEqualTo(2);
        assertThat(COUNTER.reps(LARGE, roster, DUE))
                .as("never fewer than configured")
                .isEqualTo(4);
    }

    @Test
    void aScopeIsDeliveredTheLeadsOfItsMonthBeforeTheCheckpointThatSalesKept() {
        List<QualifiedLead> leads = List.of(
                lead("in", "2026-11-01T00:00:00Z", Segment.MID, "emea", null),
                lead(
                        "disqualified-after-the-window",
                        "2026-11-02T00:00:00Z",
                        Segment.MID,
                        "emea",
                        "2026-11-16T00:00:00Z"),
                lead("disqualified-within", "2026-11-02T00:00:00Z", Segment.MID, "emea", "2026-11-15T23:59:59Z"),
                lead("at-the-checkpoint", "2026-11-09T00:00:00Z", Segment.MID, "emea", null),
                lead("last-month", "2026-10-31T23:59:59Z", Segment.MID, "emea", null),
                lead("other-team", "2026-11-03T00:00:00Z", Segment.LARGE, "na", null),
                lead("no-team", "2026-11-03T00:00:00Z", Segment.LARGE, null, null));

        assertThat(COUNTER.delivered(EMEA, leads, DUE)).isEqualTo(2);
        assertThat(COUNTER.delivered(LARGE, leads, DUE)).isEqualTo(2);
    }

    @Test
    void theFirstCountFixesRepsTargetAndDueAndASecondOnlyCountsDeliveryAgain() {
        List<RepSpan> roster = List.of(
                rep("a", "2026-10-01T00:00:00Z", "2026-11-05T00:00:00Z"),
                rep("b", "2026-10-01T00:00:00Z", "2026-11-06T00:00:00Z"));
        Instant firstCount = DUE.plusMillis(180);
        List<QualifiedLead> one = List.of(lead("l1", "2026-11-03T00:00:00Z", Segment.MID, "emea", null));

        CheckpointCounter.Counted first =
                COUNTER.count(pending("team:emea"), Optional.of(EMEA), roster, one, firstCount);

        Checkpoint counted = first.checkpoint();
        assertThat(counted.firedAt()).isEqualTo(firstCount);
        assertThat(counted.reps()).isEqualTo(2);
        assertThat(counted.target()).isEqualTo(6);
        assertThat(counted.expected()).as("ceil(6 × 8/30)").isEqualTo(2);
        assertThat(counted.delivered()).isEqualTo(1);
        assertThat(counted.verdict()).isEqualTo(Verdict.SHORT);
        assertThat(first.emit()).contains(SlaEventKind.BREACH);

        List<QualifiedLead> two = List.of(one.get(0), lead("l2", "2026-11-04T00:00:00Z", Segment.MID, "emea", null));
        List<RepSpan> grown =
                List.of(roster.get(0), roster.get(1), rep("c", "2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"));
        CheckpointCounter.Counted recount =
                COUNTER.count(counted, Optional.of(EMEA), grown, two, firstCount.plusSeconds(3600));

        assertThat(recount.checkpoint().firedAt()).isEqualTo(firstCount);
        assertThat(recount.checkpoint().reps())
                .as("a recount keeps the reps of the first")
                .isEqualTo(2);
        assertThat(recount.checkpoint().expected()).isEqualTo(2);
        assertThat(recount.checkpoint().delivered()).isEqualTo(2);
        assertThat(recount.checkpoint().verdict()).isEqualTo(Verdict.RETRACTED);
        assertThat(recount.emit()).contains(SlaEventKind.RETRACTION);
    }

    @Test
    void aScopeNoLongerTrackedIsOnlyMarkedFired() {
        Instant now = DUE.plusSeconds(1);
        CheckpointCounter.Counted counted =
                COUNTER.count(pending("team:gone"), Optional.empty(), List.of(), List.of(), now);

        assertThat(counted.checkpoint().firedAt()).isEqualTo(now);
        assertThat(counted.checkpoint().verdict()).isNull();
        assertThat(counted.checkpoint().delivered()).isNull();
        assertThat(counted.emit()).isEmpty();
    }

    @Test
    void aScopeGoesOnWhileConfiguredOrServed() {
        List<RepSpan> roster = List.of(rep("a", "2026-10-01T00:00:00Z", "2026-11-05T00:00:00Z"));
        assertThat(COUNTER.goesOn(true, List.of(), DUE)).isTrue();
        assertThat(COUNTER.goesOn(false, roster, DUE)).isTrue();
        assertThat(COUNTER.goesOn(false, roster, DUE.plus(Duration.ofDays(31)))).isFalse();
    }

    @Test
    void aRepsSpanWidensToEveryAssignment() {
        RepSpan span = RepSpan.at("team:emea", "a", DUE)
                .union(RepSpan.at("team:emea", "a", DUE.minusSeconds(60)))
                .union(RepSpan.at("team:emea", "a", DUE.plusSeconds(60)));
        assertThat(span.firstAssignedAt()).isEqualTo(DUE.minusSeconds(60));
        assertThat(span.lastAssignedAt()).isEqualTo(DUE.plusSeconds(60));
    }
}
