package dev.leadpact.reporting.plan;

import dev.leadpact.reporting.funnel.FunnelRow;
import dev.leadpact.reporting.funnel.Funnels;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** The reverse-funnel plan, from set rates or from the rates observed in a range. */
@ApplicationScoped
public class Plans {

    private final Funnels funnels;

    Plans(Funnels funnels) {
        this.funnels = funnels;
    }

    /**
     * @param customers per rep and month
     * @param month the month the schedule is for
     */
    public PlanReport plan(
            long customers, long reps, DateRange range, YearMonth month, Rate meetingToCustomer, Rate leadToMeeting) {
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
        Rate toCustomer = meetingToCustomer != null ? meetingToCustomer : Rate.observed(won, meetings);
        Rate toMeeting = leadToMeeting != null ? leadToMeeting : Rate.observed(meetings, qualified);
        Long meetingsNeeded = ReverseFunnel.neededAt(customers, toCustomer);
        Long leadsNeeded = meetingsNeeded == null ? null : ReverseFunnel.neededAt(meetingsNeeded, toMeeting);
        Long teamMeetings = meetingsNeeded == null ? null : meetingsNeeded * reps;
        Long teamLeads = leadsNeeded == null ? null : leadsNeeded * reps;
        String source = set ? "set" : meetingToCustomer == null && leadToMeeting == null ? "observed" : "mixed";
        return new PlanReport(
                range.from(),
                range.to(),
                range.zone().getId(),
                month.toString(),
                List.of(new PlanRow(
                        customers,
                        toCustomer == null ? null : toCustomer.shown(),
                        toMeeting == null ? null : toMeeting.shown(),
                        source,
                        meetingsNeeded,
                        leadsNeeded,
                        qualified,
                        meetings,
                        won,
                        reps,
                        teamMeetings,
                        teamLeads)),
                teamLeads == null ? List.of() : schedule(month, teamMeetings, teamLeads));
    }

    /** The month's ISO weeks, each with the pro-rata share of its days in the month. */
    public static List<PlanWeek> schedule(YearMonth month, long meetings, long qualifiedLeads) {
        List<PlanWeek> weeks = new ArrayList<>();
        LocalDate first = month.atDay(1);
        LocalDate end = month.atEndOfMonth();
        for (LocalDate week = first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                !week.isAfter(end);
                week = week.plusWeeks(1)) {
            LocalDate from = week.isBefore(first) ? first : week;
            LocalDate to = week.plusDays(6).isAfter(end) ? end : week.plusDays(6);
            weeks.add(new PlanWeek(
                    week,
                    from,
                    to,
                    to.getDayOfMonth() - from.getDayOfMonth() + 1L,
                    ProRata.due(meetings, from, to),
                    ProRata.dueByEndOf(meetings, to),
                    ProRata.due(qualifiedLeads, from, to),
                    ProRata.dueByEndOf(qualifiedLeads, to)));
        }
        return weeks;
    }
}
