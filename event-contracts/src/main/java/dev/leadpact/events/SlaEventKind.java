package dev.leadpact.events;

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
    RESOLUTION
}
