package dev.leadpact.monitor.rules;

import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.SlaPolicy;
import java.time.Instant;

/**
 * One commitment of one lead as the known facts define it.
 *
 * @param start when the clock started (the stage rise), or the attempt for a premature contact
 * @param warnAt when to warn, or null when the rule does not warn
 * @param escalateAt when an unresolved breach escalates, or null
 * @param satisfied the commitment was met in time
 * @param cancelled the commitment ended before its deadline (deal closed, stage rose, gave up)
 * @param resolvedAt first contact: the late first contact that resolves a breach, or null
 * @param pinKey where a re-plan pins this commitment's policy version, or null (premature contact)
 */
record Obligation(
        SlaRule rule,
        String breachId,
        Stage stage,
        Segment segment,
        SlaPolicy policy,
        Instant start,
        Instant warnAt,
        Instant dueAt,
        Instant escalateAt,
        boolean satisfied,
        boolean cancelled,
        Instant resolvedAt,
        Integer attemptsMade,
        Integer attemptsRequired,
        String pinKey) {

    boolean pending() {
        return !satisfied && !cancelled;
    }

    boolean breachedAt(Instant now) {
        return pending() && !now.isBefore(dueAt);
    }
}
