package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum SlaEventKind {
    /** A deadline is near (default at 80 % of it). */
    WARNING,
    /** A commitment was broken. */
    BREACH,
    /** A breach stayed unresolved past the escalation delay; goes to the owner's manager. */
    ESCALATION,
    /** A breach turned out wrong: an earlier event arrived late. {@code breachId} names it. */
    RETRACTION,
    /** A breached first contact finally happened; {@code responseTimeSeconds} is the real time. */
    RESOLUTION,
    /**
     * Never sent: what a reader makes of a kind added after it was built (see {@link SlaEvent#kind}).
     * A reader cannot tell whether such an event opens or closes a breach; LeadPact's consumers skip it.
     */
    @JsonEnumDefaultValue
    UNKNOWN
}
