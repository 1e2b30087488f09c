package dev.leadpact.reporting.period;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Buckets for reports. A bucket is named by its first day in the report's time zone: ISO weeks start
 * on Monday, months on the 1st. An instant belongs to the bucket of its local date in that zone, so
 * 23:30 UTC on 30 November is December in Berlin and still November in New York.
 */
public enum ReportPeriod {
    WEEK,
    MONTH;

    public LocalDate bucketOf(Instant instant, ZoneId zone) {
        return bucketOf(instant.atZone(zone).toLocalDate());
    }

    public LocalDate bucketOf(LocalDate date) {
        return switch (this) {
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    /** The first day after the bucket that starts on {@code start}. */
    public LocalDate nextBucket(LocalDate start) {
        return switch (this) {
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReportPeriod> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id().equalsIgnoreCase(id)).findFirst();
    }
}
