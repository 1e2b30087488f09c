package dev.leadpact.reporting.speed;

import java.math.BigDecimal;

/**
 * Leads whose response time falls in one bucket.
 *
 * @param minSeconds inclusive lower bound; empty for "not contacted"
 * @param maxSeconds inclusive upper bound; empty for the open last bucket and for "not contacted"
 * @param share leads / all leads of the report (contacted or not)
 * @param withinDeadline whether the whole bucket is within the deadline; false for "not contacted"
 */
public record SpeedBucketRow(
        String bucket, Long minSeconds, Long maxSeconds, long leads, BigDecimal share, boolean withinDeadline) {}
