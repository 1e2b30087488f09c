package dev.leadpact.reporting.attribution;

import dev.leadpact.events.DealOutcome;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.Touchpoint;
import dev.leadpact.reporting.lead.LeadHistories;
import dev.leadpact.reporting.lead.LeadHistory;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Attribution computed at query time from the stored deals and touches: a deal that arrived before
 * its lead's conversions is credited as soon as they are stored, and a change of model or half-life
 * applies to all history.
 */
@ApplicationScoped
public class Attributions {

    private final LeadHistories histories;
    private final AttributionCalculator calculator;

    Attributions(LeadHistories histories, ReportingConfig config) {
        this.histories = histories;
        this.calculator = new AttributionCalculator(config.attribution().halfLife());
    }

    public AttributionReport report(
            AttributionModel model, AttributionDimension dimension, ReportPeriod period, DateRange range) {
        List<Deal> deals = Deal.list(
                "outcome = ?1 and closedAt >= ?2 and closedAt < ?3 order by closedAt, dealId",
                DealOutcome.WON,
                range.start(),
                range.end());
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (CreditLine line : credit(model, deals)) {
            String value = dimension.valueOf(line);
            Key key = new Key(period.bucketOf(line.closedAt(), range.zone()), line.currency(), value);
            groups.computeIfAbsent(key, k -> new Group()).add(line);
        }
        Map<List<Object>, BigDecimal> totals = new LinkedHashMap<>();
        groups.forEach(
                (k, g) -> totals.merge(List.of(k.period, Objects.toString(k.currency)), g.revenue, BigDecimal::add));
        List<AttributionRow> rows = new ArrayList<>();
        groups.forEach((k, g) -> {
            BigDecimal total = totals.get(List.of(k.period, Objects.toString(k.currency)));
            rows.add(new AttributionRow(
                    k.period,
                    k.currency,
                    k.value,
                    g.revenue,
                    g.deals.size(),
                    g.weightedDeals.setScale(4, RoundingMode.HALF_EVEN),
                    total.signum() == 0 ? null : g.revenue.divide(total, 4, RoundingMode.HALF_EVEN)));
        });
        rows.sort(Comparator.comparing(AttributionRow::periodStart)
                .thenComparing(r -> Objects.toString(r.currency(), ""))
                .thenComparing(AttributionRow::revenue, Comparator.reverseOrder())
                .thenComparing(AttributionRow::groupValue));
        return new AttributionReport(
                model.id(),
                dimension.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                period.id(),
                range.from(),
                range.to(),
                range.zone().getId(),
                rows);
    }

    /** Credit lines of won deals, in the order of the deals given. */
    public List<CreditLine> credit(AttributionModel model, List<Deal> deals) {
        Map<String, LeadHistory> byLead =
                histories.load(deals.stream().map(d -> d.leadId).toList());
        List<CreditLine> lines = new ArrayList<>();
        for (Deal deal : deals) {
            if (deal.outcome != DealOutcome.WON) {
                continue;
            }
            List<Touchpoint> touches = byLead.get(deal.leadId).touches();
            Map<String, Touchpoint> byId = new LinkedHashMap<>();
            List<Touch> path = new ArrayList<>();
            for (Touchpoint t : touches) {
                byId.put(t.eventId, t);
                path.add(new Touch(t.eventId, t.occurredAt, t.stage));
            }
            List<Credit> credits = calculator.attribute(model, deal.amount, deal.closedAt, path);
            if (credits.isEmpty()) {
                lines.add(line(deal, model, null, BigDecimal.ONE.setScale(6), deal.amount));
            }
            for (Credit c : credits) {
                Touchpoint t = byId.get(c.touchId());
                lines.add(line(deal, model, t, c.weight(), c.amount()));
            }
        }
        return lines;
    }

    private static CreditLine line(Deal d, AttributionModel model, Touchpoint t, BigDecimal weight, BigDecimal amount) {
        return new CreditLine(
                d.dealId,
                d.leadId,
                d.closedAt,
                d.currency,
                d.amount,
                model.id(),
                t == null ? null : t.eventId,
                t == null ? null : t.occurredAt,
                t == null ? null : t.channel,
                t == null ? null : t.utmCampaign,
                t == null ? null : t.offer,
                t == null ? null : t.utmSource,
                t == null ? null : t.utmMedium,
                t == null ? null : t.utmContent,
                t == null ? null : t.landingPage,
                weight,
                amount);
    }

    private record Key(LocalDate period, String currency, String value) {}

    private static final class Group {
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal weightedDeals = BigDecimal.ZERO;
        final Set<String> deals = new HashSet<>();

        void add(CreditLine line) {
            revenue = revenue.add(line.credit());
            weightedDeals = weightedDeals.add(line.weight());
            if (line.credit().signum() > 0) {
                deals.add(line.dealId());
            }
        }
    }
}
