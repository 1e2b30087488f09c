package dev.leadpact.reporting.export;

import java.math.BigDecimal;
import java.time.Instant;

/** A stored deal as exported (its latest close). */
public record DealRow(
        String dealId,
        String leadId,
        String outcome,
        BigDecimal amount,
        String currency,
        Instant closedAt,
        String ownerId) {}
