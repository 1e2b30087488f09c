package dev.leadpact.monitor.ops;

import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.commitment.Checkpoint;
import dev.leadpact.policy.PolicyReach;
import java.time.Instant;
import java.util.List;

/** What the ops read API answers with. */
public final class OpsViews {
    private OpsViews() {}

    public record Page<T>(List<T> items, int page, int size, long total) {}

    /** A lead's pending timer: when it is due and what it will check. */
    public record TimerView(
            String leadId,
            String ownerId,
            Segment segment,
            Stage stage,
            SlaRule rule,
            SlaEventKind kind,
            Instant dueAt) {}

    /**
     * A breach as emitted, with what happened to it since.
     *
     * @param status OPEN, ESCALATED, RESOLVED or RETRACTED
     */
    public record BreachView(SlaEvent breach, String status) {}

    public record LeadView(
            String leadId,
            String ownerId,
            Segment segment,
            Stage stage,
            TimerView nextTimer,
            int conversions,
            int contactAttempts,
            boolean dealClosed,
            List<SlaEvent> openBreaches,
            List<SlaEvent> history) {}

    /** A policy as in force, durations in ISO-8601. */
    /**
     * One policy version in force.
     *
     * @param current configured now (new episodes get it); else an earlier version still pinned to
     *     open episodes
     * @param openLeads open leads whose next timer this version governs
     */
    public record PolicyView(
            String id,
            int version,
            String source,
            boolean current,
            PolicyReach appliesTo,
            Instant inForceSince,
            long openLeads,
            Segment segment,
            Stage stage,
            Stage handoffStage,
            String firstContact,
            int attemptsRequired,
            String attemptWindow,
            double warningAt,
            String escalationDelay,
            String feedbackDeadline,
            String calendar) {}

    /**
     * A pacing checkpoint of marketing's commitment. Counts are absent until it falls due.
     *
     * @param verdict PENDING, MET, SHORT, RETRACTED, or UNTRACKED when its scope was no longer configured
     * @param monthEnd whether this is the month's verdict
     */
    public record CheckpointView(
            String scope,
            Instant dueAt,
            boolean monthEnd,
            String verdict,
            Integer reps,
            Long target,
            Long expected,
            Long delivered,
            Long gap,
            Instant countedAt) {

        static CheckpointView of(Checkpoint c) {
            return new CheckpointView(
                    c.scope(),
                    c.dueAt(),
                    c.monthEnd(),
                    c.verdict() != null ? c.verdict().name() : c.firedAt() == null ? "PENDING" : "UNTRACKED",
                    c.reps(),
                    c.target(),
                    c.expected(),
                    c.delivered(),
                    c.expected() == null ? null : Math.max(0, c.expected() - c.delivered()),
                    c.firedAt());
        }
    }
}
