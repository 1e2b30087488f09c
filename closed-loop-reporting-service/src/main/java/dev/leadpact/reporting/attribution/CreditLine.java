package dev.leadpact.reporting.attribution;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One credit of one won deal, with the touch's dimensions: the raw fact under the attribution report.
 * A deal with no touch before its close has one line without a touch that carries its whole amount,
 * so the lines of a deal always sum to its amount.
 */
public record CreditLine(
        String dealId,
        String leadId,
        Instant closedAt,
        String currency,
        BigDecimal dealAmount,
        String model,
        String touchEventId,
        Instant touchOccurredAt,
        String channel,
        String campaign,
        String offer,
        String source,
        String medium,
        String content,
        String landingPage,
        BigDecimal weight,
        BigDecimal credit) {}
