package dev.leadpact.reporting.plan;

import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.funnel.FunnelRow;
import dev.leadpact.reporting.funnel.Funnels;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;

/** The reverse-funnel plan, from set rates or from the rates observed in a range. */
@ApplicationScoped
public class Plans {

    private final Funnels funnels;

    Plans(Funnels funnels) {
        this.funnels = funnels;
    }

    public PlanReport plan(long customers, DateRange range, BigDecimal meetingToCustomer, BigDecimal leadToMeeting) {
        long qualified = 0;
        long meetings = 0;
        long won = 0;
        // month buckets partition the range, so their sums are the range's flow
        for (FunnelRow row : funnels.report(ReportPeriod.MONTH, range, null).rows()) {
            qualified += row.mqls();
            meetings += row.meetings();
            won += row.won();
        }
        boolean set = meetingToCustomer != null && leadToMeeting != null;
        BigDecimal toCustomer = meetingToCustomer != null ? meetingToCustomer : Ratios.of(won, meetings);
        BigDecimal toMeeting = leadToMeeting != null ? leadToMeeting : Ratios.of(meetings, qualified);
        Long meetingsNeeded = ReverseFunnel.needed(customers, toCustomer);
        Long leadsNeeded = meetingsNeeded == null ? null : ReverseFunnel.needed(meetingsNeeded, toMeeting);
        String source = set ? "set" : meetingToCustomer == null && leadToMeeting == null ? "observed" : "mixed";
        return new PlanReport(
                range.from(),
                range.to(),
                range.zone().getId(),
                List.of(new PlanRow(
                        customers,
                        toCustomer,
                        toMeeting,
                        source,
                        meetingsNeeded,
                        leadsNeeded,
                        qualified,
                        meetings,
                        won)));
    }
}
