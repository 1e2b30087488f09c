package dev.leadpact.events;

/** Company size segment, from the employee count; thresholds are configuration. */
public enum Segment {
    SMALL,
    MID,
    LARGE
}
