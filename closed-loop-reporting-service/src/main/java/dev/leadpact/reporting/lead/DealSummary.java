package dev.leadpact.reporting.lead;

import dev.leadpact.events.DealOutcome;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A deal as the reports count it (one row of {@code deal_summary}): its latest close, and whether
 * marketing sourced it (the lead converted at or before the close).
 */
public record DealSummary(
        String dealId,
        String leadId,
        DealOutcome outcome,
        BigDecimal amount,
        String currency,
        Instant closedAt,
        boolean marketingSourced) {}
