package dev.leadpact.reporting.dashboard;

import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.reporting.facts.SlaRecord;
import java.time.Instant;

/**
 * One entry of the dashboard's breach feed: a breach, escalation or retraction from {@code
 * sla.breaches.v1}. For {@code LEAD_VOLUME_SHORTFALL} (marketing's commitment) {@code scope} is the
 * commitment's scope ({@code team:<team>} or {@code segment:<SEGMENT>}; {@code leadId} still carries
 * it too, for readers from before {@code scope}) and {@code delivered}, {@code expected} and {@code
 * gap} say by how much; owner and attempts are empty then. {@code title} is the entry's heading as
 * the page shows it ({@code Breach: First contact overdue}), so that no client keeps its own copy of
 * the rules' names.
 */
public record BreachFeedItem(
        String eventId,
        String breachId,
        String kind,
        String rule,
        String title,
        String leadId,
        String scope,
        String ownerId,
        String segment,
        String stage,
        String team,
        Instant dueAt,
        Instant detectedAt,
        Long lateBySeconds,
        Integer attemptsMade,
        Integer attemptsRequired,
        Integer delivered,
        Integer expected,
        Integer gap) {

    static BreachFeedItem of(SlaEvent e) {
        return new BreachFeedItem(
                e.eventId(),
                e.breachId(),
                e.kind().name(),
                e.rule().name(),
                title(e.kind(), e.rule()),
                e.leadId(),
                e.commitmentScope(),
                e.ownerId(),
                e.segment() == null ? null : e.segment().name(),
                e.stage() == null ? null : e.stage().name(),
                e.team(),
                e.dueAt(),
                e.detectedAt(),
                e.lateBySeconds(),
                e.attemptsMade(),
                e.attemptsRequired(),
                e.delivered(),
                e.expected(),
                e.gap());
    }

    static BreachFeedItem of(SlaRecord r) {
        return new BreachFeedItem(
                r.eventId,
                r.breachId,
                r.kind.name(),
                r.rule.name(),
                title(r.kind, r.rule),
                r.leadId,
                r.scope(),
                r.ownerId,
                r.segment == null ? null : r.segment.name(),
                r.stage == null ? null : r.stage.name(),
                r.team,
                r.dueAt,
                r.detectedAt,
                r.lateBySeconds,
                r.attemptsMade,
                r.attemptsRequired,
                r.delivered,
                r.expected,
                r.gap);
    }

    /** The heading of an entry: what happened, then to which rule. */
    static String title(SlaEventKind kind, SlaRule rule) {
        String happened =
                switch (kind) {
                    case WARNING -> "Warning";
                    case BREACH -> "Breach";
                    case ESCALATION -> "Escalated";
                    case RETRACTION -> "Retracted";
                    case RESOLUTION -> "Resolved";
                    case UNKNOWN -> "Event";
                };
        String about =
                switch (rule) {
                    case FIRST_CONTACT_OVERDUE -> "First contact overdue";
                    case ATTEMPT_MINIMUM_MISSED -> "Attempt minimum missed";
                    case PREMATURE_CONTACT -> "Premature contact";
                    case FEEDBACK_OVERDUE -> "Feedback overdue";
                    case LEAD_VOLUME_SHORTFALL -> "Lead volume shortfall";
                    case UNKNOWN -> "Unknown rule";
                };
        return happened + ": " + about;
    }
}
