package dev.leadpact.reporting.funnel;

import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.Touchpoint;
import dev.leadpact.reporting.lead.LeadHistories;
import dev.leadpact.reporting.lead.LeadHistory;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The funnel per week or month, as a flow: every step counted in the period it first happened. */
@ApplicationScoped
public class Funnels {

    private final LeadHistories histories;

    Funnels(LeadHistories histories) {
        this.histories = histories;
    }

    /** @param currency when given, only deals in this currency count for the deal columns */
    public FunnelReport report(ReportPeriod period, DateRange range, String currency) {
        Set<String> leadIds = new HashSet<>();
        // a lead whose first step may be in the range has some fact in it
        leadIds.addAll(histories.leadIds(
                Touchpoint.class, "e.occurredAt >= ?1 and e.occurredAt < ?2", range.start(), range.end()));
        leadIds.addAll(histories.leadIds(
                Activity.class, "e.occurredAt >= ?1 and e.occurredAt < ?2", range.start(), range.end()));
        List<Deal> deals = Deal.<Deal>list("closedAt >= ?1 and closedAt < ?2", range.start(), range.end()).stream()
                .filter(d -> currency == null || currency.equals(d.currency))
                .toList();
        deals.forEach(d -> leadIds.add(d.leadId));
        Map<String, LeadHistory> byLead = histories.load(leadIds);

        TreeMap<LocalDate, Counts> buckets = new TreeMap<>();
        for (LocalDate b = period.bucketOf(range.from()); !b.isAfter(range.to()); b = period.nextBucket(b)) {
            buckets.put(b, new Counts());
        }
        for (LeadHistory lead : byLead.values()) {
            count(buckets, period, range, lead.firstTouch().map(t -> t.occurredAt), c -> c.leads++);
            count(buckets, period, range, lead.firstTouchAtLeast(Stage.MQL).map(t -> t.occurredAt), c -> c.mqls++);
            count(buckets, period, range, lead.firstTouchAtLeast(Stage.SQL).map(t -> t.occurredAt), c -> c.sqls++);
            count(buckets, period, range, lead.firstAttempt().map(a -> a.occurredAt), c -> c.contacted++);
            count(buckets, period, range, lead.firstConnectedAttempt().map(a -> a.occurredAt), c -> c.connected++);
            count(
                    buckets,
                    period,
                    range,
                    lead.firstStatus(LeadStatus.MEETING_BOOKED).map(a -> a.occurredAt),
                    c -> c.meetings++);
        }
        for (Deal deal : deals) {
            Counts c = buckets.get(period.bucketOf(deal.closedAt, range.zone()));
            if (deal.outcome == DealOutcome.LOST) {
                c.lost++;
                continue;
            }
            c.won++;
            c.wonRevenue = c.wonRevenue.add(deal.amount);
            LeadHistory lead = byLead.get(deal.leadId);
            boolean marketingSourced = lead.firstTouch()
                    .filter(t -> !t.occurredAt.isAfter(deal.closedAt))
                    .isPresent();
            if (marketingSourced) {
                c.marketingRevenue = c.marketingRevenue.add(deal.amount);
            }
        }
        List<FunnelRow> rows = new ArrayList<>();
        buckets.forEach((start, c) -> rows.add(new FunnelRow(
                start,
                c.leads,
                c.mqls,
                c.sqls,
                c.contacted,
                c.connected,
                c.meetings,
                c.won,
                c.lost,
                Ratios.of(c.mqls, c.leads),
                Ratios.of(c.sqls, c.mqls),
                Ratios.of(c.contacted, c.sqls),
                Ratios.of(c.connected, c.contacted),
                Ratios.of(c.meetings, c.connected),
                Ratios.of(c.won, c.won + c.lost),
                Ratios.of(c.won, c.leads),
                c.wonRevenue,
                c.won == 0 ? null : c.wonRevenue.divide(BigDecimal.valueOf(c.won), 2, RoundingMode.HALF_EVEN),
                Ratios.of(c.marketingRevenue, c.wonRevenue))));
        return new FunnelReport(
                period.id(), range.from(), range.to(), range.zone().getId(), currency, rows);
    }

    private static void count(
            TreeMap<LocalDate, Counts> buckets,
            ReportPeriod period,
            DateRange range,
            Optional<Instant> when,
            java.util.function.Consumer<Counts> step) {
        when.filter(range::contains).ifPresent(at -> step.accept(buckets.get(period.bucketOf(at, range.zone()))));
    }

    private static final class Counts {
        long leads;
        long mqls;
        long sqls;
        long contacted;
        long connected;
        long meetings;
        long won;
        long lost;
        BigDecimal wonRevenue = BigDecimal.ZERO.setScale(2);
        BigDecimal marketingRevenue = BigDecimal.ZERO.setScale(2);
    }
}
