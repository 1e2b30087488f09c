package dev.leadpact.reporting.funnel;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The funnel's flow in one period: each count is of leads whose FIRST such step happened in the
 * period (deals: closed in the period). Step rates divide a step by the step before it in the same
 * period; a step can be skipped, so a rate can exceed 1.
 *
 * @param leads new leads (first conversion, any stage: IQL or higher)
 * @param mqls leads that first reached MQL or higher
 * @param sqls leads that first reached SQL
 * @param contacted leads with their first contact attempt
 * @param connected leads first reached (outcome connected or email replied)
 * @param meetings leads whose status first became MEETING_BOOKED
 * @param winRate won / (won + lost)
 * @param leadToCustomerRate won / leads
 * @param averageDealSize won revenue / won deals
 * @param marketingSourcedRevenueShare revenue of won deals whose lead converted before the close,
 *     over all won revenue
 */
public record FunnelRow(
        LocalDate periodStart,
        long leads,
        long mqls,
        long sqls,
        long contacted,
        long connected,
        long meetings,
        long won,
        long lost,
        BigDecimal mqlRate,
        BigDecimal sqlRate,
        BigDecimal contactedRate,
        BigDecimal connectedRate,
        BigDecimal meetingRate,
        BigDecimal winRate,
        BigDecimal leadToCustomerRate,
        BigDecimal wonRevenue,
        BigDecimal averageDealSize,
        BigDecimal marketingSourcedRevenueShare) {}
