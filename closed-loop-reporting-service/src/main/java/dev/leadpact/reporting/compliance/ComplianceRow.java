package dev.leadpact.reporting.compliance;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Sales' side of the SLA in one period, from the monitor's verdicts.
 *
 * @param sqls leads that first reached SQL in the period
 * @param sqlsContactedInTime of those, leads contacted so far without a standing first-contact breach
 * @param givenUp leads first marked UNREACHABLE in the period
 * @param givenUpWithMinimumAttempts of those, leads without a standing attempt-minimum breach
 * @param standingBreaches breaches of any rule due in the period, minus retracted ones
 * @param qualifiedLeads marketing's side: leads that first reached MQL or higher in the period
 * @param volumeShortfalls marketing's side: standing lead-volume shortfalls due in the period
 */
public record ComplianceRow(
        LocalDate periodStart,
        long sqls,
        long sqlsContactedInTime,
        BigDecimal contactedInTimeShare,
        long givenUp,
        long givenUpWithMinimumAttempts,
        BigDecimal minimumAttemptsShare,
        long standingBreaches,
        long qualifiedLeads,
        long volumeShortfalls) {}
