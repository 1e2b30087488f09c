package dev.leadpact.reporting.plan;

import java.time.LocalDate;

/**
 * One ISO week of the planned month's delivery schedule, for the team (all reps). A week at the
 * start or end of the month only counts its days in the month ({@link ProRata}).
 *
 * @param weekStart the Monday of the week (may be in the previous month)
 * @param firstDay first day of the week in the month
 * @param lastDay last day of the week in the month
 * @param days days of the week in the month
 * @param qualifiedLeadsDue qualified leads to deliver in these days
 * @param cumulativeQualifiedLeads due since the start of the month, by the end of lastDay
 */
public record PlanWeek(
        LocalDate weekStart,
        LocalDate firstDay,
        LocalDate lastDay,
        long days,
        long meetingsDue,
        long cumulativeMeetings,
        long qualifiedLeadsDue,
        long cumulativeQualifiedLeads) {}
