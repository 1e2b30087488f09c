package dev.leadpact.reporting.plan;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A monthly target spread over the days of its month: by the end of day k of a month of n days,
 * ceil(target × k / n) are due. The share of any stretch of days is the difference of those
 * cumulative numbers, so the shares of the weeks of a month add up to exactly the month's target,
 * and a week that spans two months takes its days' share of each.
 */
public final class ProRata {
    private ProRata() {}

    /** Due by the end of {@code day} since the start of its month. */
    public static long dueByEndOf(long monthlyTarget, LocalDate day) {
        int length = day.lengthOfMonth();
        // ceiling division (Math.ceilDiv is Java 18)
        return -Math.floorDiv(-monthlyTarget * day.getDayOfMonth(), length);
    }

    /** The share of {@code monthlyTarget} (the same each month) due from {@code first} to {@code last}, inclusive. */
    public static long due(long monthlyTarget, LocalDate first, LocalDate last) {
        long total = 0;
        LocalDate start = first;
        while (!start.isAfter(last)) {
            LocalDate monthEnd = YearMonth.from(start).atEndOfMonth();
            LocalDate end = monthEnd.isBefore(last) ? monthEnd : last;
            long before = start.getDayOfMonth() == 1 ? 0 : dueByEndOf(monthlyTarget, start.minusDays(1));
            total += dueByEndOf(monthlyTarget, end) - before;
            start = end.plusDays(1);
        }
        return total;
    }
}
