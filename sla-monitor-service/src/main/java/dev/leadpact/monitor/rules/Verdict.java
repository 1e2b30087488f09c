package dev.leadpact.monitor.rules;

import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import java.time.Instant;

/**
 * What one commitment of a lead comes to under a set of policies, given every fact known now (in
 * event time): the verdict a what-if compares.
 *
 * @param key the commitment whatever its deadline: the episode's conversion and the rule, or the
 *     attempt of a premature contact; the same commitment under two policies has the same key
 * @param start when the clock started
 * @param responseSeconds first contact only: open time from the start to the first contact attempt
 *     in the policy's calendar, or null when there was none
 * @param warned the rule would have warned: the warning time passed while the commitment was unmet
 * @param escalated the breach would have been escalated: unresolved at the escalation time
 */
public record Verdict(
        String key,
        String leadId,
        SlaRule rule,
        Segment segment,
        Stage stage,
        String policyId,
        int policyVersion,
        Instant start,
        Instant dueAt,
        String breachId,
        Status status,
        boolean warned,
        boolean escalated,
        Long responseSeconds) {

    public enum Status {
        /** Met in time. */
        MET,
        /** Missed: a breach. */
        BREACHED,
        /** Ended before its deadline (stage rose, deal closed, lead given up). */
        CANCELLED,
        /** Not yet due. */
        OPEN
    }

    /** Due by now: met or breached; compliance is met over due. */
    public boolean due() {
        return status == Status.MET || status == Status.BREACHED;
    }
}
