package dev.leadpact.monitor.commitment;

import dev.leadpact.events.SlaEventKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * How a checkpoint is counted, as plain Java over the rows loaded for its scope: who the reps are,
 * what is due, what was delivered, and the verdict. {@link CommitmentTracker} loads the rows and
 * stores the result; the rules are here.
 */
public final class CheckpointCounter {
    private final CheckpointSchedule schedule;
    private final Duration rosterWindow;
    private final Duration disqualificationWindow;

    public CheckpointCounter(CheckpointSchedule schedule, Duration rosterWindow, Duration disqualificationWindow) {
        this.schedule = schedule;
        this.rosterWindow = rosterWindow;
        this.disqualificationWindow = disqualificationWindow;
    }

    /**
     * A count: the checkpoint as it is to be stored, and the event it calls for, if any.
     *
     * @param emit {@link SlaEventKind#BREACH} for a new shortfall, {@link SlaEventKind#RETRACTION}
     *     for one that late facts disproved
     */
    public record Counted(Checkpoint checkpoint, Optional<SlaEventKind> emit) {}

    /**
     * Counts a due checkpoint. The first count fixes the reps, the target and what is due, from the
     * roster at the checkpoint; a recount keeps those and counts the delivery again.
     *
     * @param scope the checkpoint's scope; empty when it is no longer tracked: then nothing is
     *     counted, and the checkpoint is only marked fired
     * @param roster the scope's reps (any time)
     * @param leads leads qualified for the scope (at least those of the checkpoint's month)
     */
    public Counted count(
            Checkpoint c,
            Optional<MarketingCommitment.Scope> scope,
            Collection<RepSpan> roster,
            Collection<QualifiedLead> leads,
            Instant now) {
        if (scope.isEmpty()) {
            return new Counted(
                    new Checkpoint(
                            c.scope(), c.dueAt(), c.monthStart(), c.monthEnd(), now, null, null, null, null, null),
                    Optional.empty());
        }
        boolean first = c.firedAt() == null || c.verdict() == null;
        int reps = first ? reps(scope.get(), roster, c.dueAt()) : c.reps();
        long target = first ? (long) scope.get().perRep() * reps : c.target();
        long expected = first ? schedule.expected(target, c.dueAt()) : c.expected();
        long delivered = delivered(scope.get(), leads, c.dueAt());
        Verdict.Outcome outcome = Verdict.count(c.verdict(), delivered, expected);
        return new Counted(
                new Checkpoint(
                        c.scope(),
                        c.dueAt(),
                        c.monthStart(),
                        c.monthEnd(),
                        c.firedAt() == null ? now : c.firedAt(),
                        reps,
                        target,
                        expected,
                        delivered,
                        outcome.verdict()),
                outcome.emit());
    }

    /**
     * The scope's reps at {@code at}: the owners it assigned leads to within the roster window, but
     * never fewer than configured (a week in which only some reps got leads owes no less).
     */
    public int reps(MarketingCommitment.Scope scope, Collection<RepSpan> roster, Instant at) {
        return (int) Math.max(rosterAt(roster, at), scope.reps().orElse(0));
    }

    /** How many reps serve at {@code at}. */
    public long rosterAt(Collection<RepSpan> roster, Instant at) {
        return roster.stream().filter(r -> r.servesAt(at, rosterWindow)).count();
    }

    /**
     * Leads of the scope qualified in the checkpoint's month before it, less those sales
     * disqualified within the disqualification window.
     */
    public long delivered(MarketingCommitment.Scope scope, Collection<QualifiedLead> leads, Instant dueAt) {
        Instant from = schedule.periodStart(dueAt);
        return leads.stream()
                .filter(scope::delivers)
                .filter(l -> !l.qualifiedAt().isBefore(from) && l.qualifiedAt().isBefore(dueAt))
                .filter(l -> l.counts(disqualificationWindow))
                .count();
    }

    /** Whether a scope goes on after its checkpoint at {@code dueAt}: configured, or with reps then. */
    public boolean goesOn(boolean configured, Collection<RepSpan> roster, Instant dueAt) {
        return configured || rosterAt(roster, dueAt) > 0;
    }
}
