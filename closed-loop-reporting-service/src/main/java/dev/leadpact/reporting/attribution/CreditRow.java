package dev.leadpact.reporting.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One row of {@code attribution_credit}: a touch's part of a won deal under every model, with the
 * touch's dimensions. A deal with no touch before its close has one row without a touch ({@code
 * touchEventId} null) that carries its whole amount in every model.
 *
 * @param seq position in the deal's path, from 0
 * @param weights per model, in {@link AttributionModel} order, 6 decimals
 * @param credits per model, in {@link AttributionModel} order; a deal's credits sum to its amount
 */
public record CreditRow(
        String dealId,
        int seq,
        String leadId,
        Instant closedAt,
        String currency,
        BigDecimal dealAmount,
        String touchEventId,
        Instant touchOccurredAt,
        String channel,
        String campaign,
        String offer,
        String source,
        String medium,
        String content,
        String landingPage,
        List<BigDecimal> weights,
        List<BigDecimal> credits) {

    public BigDecimal weight(AttributionModel model) {
        return weights.get(model.ordinal());
    }

    public BigDecimal credit(AttributionModel model) {
        return credits.get(model.ordinal());
    }

    /** The row as the credit export shows it under one model. */
    public CreditLine line(AttributionModel model) {
        return new CreditLine(
                dealId,
                leadId,
                closedAt,
                currency,
                dealAmount,
                model.id(),
                touchEventId,
                touchOccurredAt,
                channel,
                campaign,
                offer,
                source,
                medium,
                content,
                landingPage,
                weight(model),
                credit(model));
    }
}
