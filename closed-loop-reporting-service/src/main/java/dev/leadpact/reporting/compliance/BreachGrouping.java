package dev.leadpact.reporting.compliance;

/** What breaches are grouped by ({@code ?groupBy=}); week and month by the breach's due time. */
public enum BreachGrouping {
    RULE,
    OWNER,
    SEGMENT,
    WEEK,
    MONTH
}
