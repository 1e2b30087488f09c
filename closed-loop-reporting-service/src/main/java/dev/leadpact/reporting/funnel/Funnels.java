package dev.leadpact.reporting.funnel;

import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.period.Buckets;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import dev.leadpact.reporting.readmodel.Queries;
import dev.leadpact.reporting.readmodel.RollupDeltas;
import dev.leadpact.reporting.readmodel.RollupDeltas.LeadCount;
import dev.leadpact.reporting.readmodel.Rollups;
import dev.leadpact.reporting.readmodel.Rollups.DealTotals;
import dev.leadpact.reporting.readmodel.Rollups.LeadCounts;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The funnel per week or month, as a flow: every step counted in the period it first happened. Two
 * indexed sums over the lead and deal rollups, whatever the range.
 */
@ApplicationScoped
public class Funnels {

    private final Queries queries;

    Funnels(Queries queries) {
        this.queries = queries;
    }

    /** @param currency when given, only deals in this currency count for the deal columns */
    public FunnelReport report(ReportPeriod period, DateRange range, String currency) {
        Buckets buckets = Buckets.of(period, range, RollupDeltas.SLOT_SECONDS);
        return queries.read(connection -> {
            LeadCounts[] leads = Rollups.leadCounts(connection, buckets);
            DealTotals[] deals = Rollups.deals(connection, buckets, currency);
            List<FunnelRow> rows = new ArrayList<>(buckets.size());
            for (int i = 0; i < buckets.size(); i++) {
                rows.add(row(buckets.starts().get(i), leads[i], deals[i]));
            }
            return new FunnelReport(
                    period.id(), range.from(), range.to(), range.zone().getId(), currency, rows);
        });
    }

    public static FunnelRow row(java.time.LocalDate start, LeadCounts c, DealTotals d) {
        long leads = c.get(LeadCount.LEADS);
        long mqls = c.get(LeadCount.MQLS);
        long sqls = c.get(LeadCount.SQLS);
        long contacted = c.get(LeadCount.CONTACTED);
        long connected = c.get(LeadCount.CONNECTED);
        long meetings = c.get(LeadCount.MEETINGS);
        return new FunnelRow(
                start,
                leads,
                mqls,
                sqls,
                contacted,
                connected,
                meetings,
                d.won(),
                d.lost(),
                Ratios.of(mqls, leads),
                Ratios.of(sqls, mqls),
                Ratios.of(contacted, sqls),
                Ratios.of(connected, contacted),
                Ratios.of(meetings, connected),
                Ratios.of(d.won(), d.won() + d.lost()),
                Ratios.of(d.won(), leads),
                d.wonRevenue(),
                d.won() == 0 ? null : d.wonRevenue().divide(BigDecimal.valueOf(d.won()), 2, RoundingMode.HALF_EVEN),
                Ratios.of(d.marketingRevenue(), d.wonRevenue()));
    }
}
