package dev.leadpact.reporting.speed;

import java.math.BigDecimal;

/**
 * Response times of one group: from the conversion that qualified the lead (its first at the
 * requested stage) to the first contact attempt at or after it, in wall-clock seconds.
 *
 * @param leads leads that qualified in the range
 * @param contacted of those, leads with an attempt so far (the statistics are over these)
 * @param withinDeadline leads contacted within the deadline; an uncontacted lead is not within it
 * @param withinDeadlineShare withinDeadline / leads
 */
public record SpeedToLeadRow(
        String groupValue,
        long leads,
        long contacted,
        Long medianSeconds,
        Long p90Seconds,
        long deadlineSeconds,
        long withinDeadline,
        BigDecimal withinDeadlineShare) {}
