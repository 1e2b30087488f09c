package dev.leadpact.reporting.attribution;

import dev.leadpact.events.DealOutcome;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.Touchpoint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The credit rows of a won deal under every model, from {@link AttributionCalculator}. */
public final class DealCredits {
    private static final BigDecimal WHOLE = BigDecimal.ONE.setScale(6, RoundingMode.UNNECESSARY);

    private final AttributionCalculator calculator;

    public DealCredits(AttributionCalculator calculator) {
        this.calculator = calculator;
    }

    /** Empty for a deal that was not won. */
    public List<CreditRow> of(Deal deal, List<Touchpoint> touches) {
        if (deal.outcome != DealOutcome.WON) {
            return List.of();
        }
        Map<String, Touchpoint> byId = new HashMap<>();
        List<Touch> path = new ArrayList<>();
        for (Touchpoint t : touches) {
            byId.put(t.eventId, t);
            path.add(new Touch(t.eventId, t.occurredAt, t.stage));
        }
        AttributionModel[] models = AttributionModel.values();
        List<List<Credit>> byModel = new ArrayList<>(models.length);
        for (AttributionModel model : models) {
            byModel.add(calculator.attribute(model, deal.amount, deal.closedAt, path));
        }
        int lines = byModel.get(0).size();
        if (lines == 0) {
            List<BigDecimal> whole = Collections.nCopies(models.length, WHOLE);
            List<BigDecimal> amount = Collections.nCopies(models.length, deal.amount);
            return List.of(row(deal, 0, null, whole, amount));
        }
        List<CreditRow> rows = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            List<BigDecimal> weights = new ArrayList<>(models.length);
            List<BigDecimal> credits = new ArrayList<>(models.length);
            for (List<Credit> credit : byModel) {
                weights.add(credit.get(i).weight());
                credits.add(credit.get(i).amount());
            }
            rows.add(row(deal, i, byId.get(byModel.get(0).get(i).touchId()), weights, credits));
        }
        return rows;
    }

    private static CreditRow row(Deal d, int seq, Touchpoint t, List<BigDecimal> weights, List<BigDecimal> credits) {
        return new CreditRow(
                d.dealId,
                seq,
                d.leadId,
                d.closedAt,
                d.currency,
                d.amount,
                t == null ? null : t.eventId,
                t == null ? null : t.occurredAt,
                t == null ? null : t.channel,
                t == null ? null : t.utmCampaign,
                t == null ? null : t.offer,
                t == null ? null : t.utmSource,
                t == null ? null : t.utmMedium,
                t == null ? null : t.utmContent,
                t == null ? null : t.landingPage,
                List.copyOf(weights),
                List.copyOf(credits));
    }
}
