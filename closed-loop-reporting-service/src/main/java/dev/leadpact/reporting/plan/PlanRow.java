package dev.leadpact.reporting.plan;

import java.math.BigDecimal;

/**
 * The plan for a number of new customers per rep and month.
 *
 * @param customers new customers wanted per rep and month
 * @param rateSource {@code observed} (from the range's funnel flow), {@code set} (given in the request) or
 *     {@code mixed}
 * @param meetingsNeeded per rep and month, rounded up
 * @param qualifiedLeadsNeeded per rep and month, rounded up from the (whole) meetings needed
 * @param observedQualifiedLeads leads that first reached MQL or higher in the range
 * @param observedMeetings leads whose status first became MEETING_BOOKED in the range
 * @param observedWon won deals closed in the range
 * @param reps reps the team plans for
 * @param teamMeetingsNeeded meetingsNeeded × reps
 * @param teamQualifiedLeadsNeeded qualifiedLeadsNeeded × reps: what marketing commits to deliver in the month
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
        long observedWon,
        long reps,
        Long teamMeetingsNeeded,
        Long teamQualifiedLeadsNeeded) {}
