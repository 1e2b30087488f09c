package dev.leadpact.reporting.speed;

/**
 * Response times of a set of leads that first reached a stage: how many, how many were contacted,
 * and the median (mean of the middle two for an even count, rounded down), the 90th percentile
 * (nearest rank) and how many were contacted within the deadline, on the wall clock and in business
 * time. The statistics are over the contacted leads.
 */
public record SpeedStats(
        long leads,
        long contacted,
        Long medianSeconds,
        Long p90Seconds,
        long withinDeadline,
        Long medianBusinessSeconds,
        Long p90BusinessSeconds,
        long withinDeadlineBusiness) {

    static final SpeedStats NONE = new SpeedStats(0, 0, null, null, 0, null, null, 0);
}
