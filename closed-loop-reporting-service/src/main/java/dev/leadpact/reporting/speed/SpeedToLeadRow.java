package dev.leadpact.reporting.speed;

import java.math.BigDecimal;

/**
 * Response times of one group: from the conversion that qualified the lead (its first at the
 * requested stage) to the first contact attempt at or after it, in wall-clock seconds and in
 * business seconds.
 *
 * @param leads leads that qualified in the range
 * @param contacted of those, leads with an attempt so far (the statistics are over these)
 * @param withinDeadline leads contacted within the deadline; an uncontacted lead is not within it
 * @param withinDeadlineShare withinDeadline / leads
 * @param medianBusinessSeconds the median in open seconds of the calendar of the lead's SLA policy
 * @param withinDeadlineBusiness leads contacted within the deadline counted in business time, as
 *     the monitor's first-contact deadline runs
 */
public record SpeedToLeadRow(
        String groupValue,
        long leads,
        long contacted,
        Long medianSeconds,
        Long p90Seconds,
        long deadlineSeconds,
        long withinDeadline,
        BigDecimal withinDeadlineShare,
        Long medianBusinessSeconds,
        Long p90BusinessSeconds,
        long withinDeadlineBusiness,
        BigDecimal withinDeadlineBusinessShare) {}
