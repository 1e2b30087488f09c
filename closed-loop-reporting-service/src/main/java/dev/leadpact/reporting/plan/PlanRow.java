package dev.leadpact.reporting.plan;

import java.math.BigDecimal;

/**
 * The plan for a number of new customers.
 *
 * @param rateSource {@code observed} (from the range's funnel flow) or {@code set} (given in the request)
 * @param observedQualifiedLeads leads that first reached MQL or higher in the range
 * @param observedMeetings leads whose status first became MEETING_BOOKED in the range
 * @param observedWon won deals closed in the range
 */
public record PlanRow(
        long customers,
        BigDecimal meetingToCustomerRate,
        BigDecimal qualifiedLeadToMeetingRate,
        String rateSource,
        Long meetingsNeeded,
        Long qualifiedLeadsNeeded,
        long observedQualifiedLeads,
        long observedMeetings,
        long observedWon) {}
