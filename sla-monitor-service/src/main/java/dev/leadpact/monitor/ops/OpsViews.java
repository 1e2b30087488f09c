package dev.leadpact.monitor.ops;

import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
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
    public record PolicyView(
            String id,
            int version,
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
}
