package dev.leadpact.reporting.speed;

/** What speed to lead is grouped by ({@code ?groupBy=}). */
public enum SpeedGrouping {
    OWNER,
    SEGMENT,
    SOURCE
}
