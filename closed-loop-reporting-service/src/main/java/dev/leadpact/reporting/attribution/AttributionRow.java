package dev.leadpact.reporting.attribution;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Attributed revenue of one group in one period (by the deal's close date).
 *
 * @param deals won deals that gave this group any credit
 * @param weightedDeals the deals' weights summed: a deal split half/half counts 0.5 in each group
 * @param creditShare this group's revenue over all attributed revenue of the period and currency
 */
public record AttributionRow(
        LocalDate periodStart,
        String currency,
        String groupValue,
        BigDecimal revenue,
        long deals,
        BigDecimal weightedDeals,
        BigDecimal creditShare) {}
