package dev.leadpact.monitor.commitment;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * When marketing's pacing is checked: checkpoints inside each month (the start of every ISO week,
 * every day, or every fixed period counted from the month's start) and always the month's end,
 * which gives the month's verdict. Months and days are those of the commitment's time zone.
 *
 * <p>At a checkpoint the pro-rata share of the month's target is due: {@code ceil(target × elapsed
 * / month length)}, so the end of day 8 of a 30-day month owes 8/30 of it and the month's end all.
 */
public final class CheckpointSchedule {
    private final ZoneId zone;
    private final String spec;
    private final Duration every;

    /**
     * @param spec {@code weekly} (default), {@code daily}, or an ISO-8601 duration such as
     *     {@code PT1M} (for demos) counted from the start of each month
     */
    public CheckpointSchedule(ZoneId zone, String spec) {
        this.zone = zone;
        this.spec = spec.trim().toLowerCase(Locale.ROOT);
        if (this.spec.equals("weekly") || this.spec.equals("daily")) {
            this.every = null;
        } else {
            try {
                this.every = Duration.parse(spec.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "checkpoints must be weekly, daily or an ISO-8601 duration such as PT1H, not '" + spec + "'");
            }
            if (every.isNegative() || every.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("checkpoints must be at least one second apart, not " + spec);
            }
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first checkpoint strictly after {@code after}. */
    public Instant next(Instant after) {
        LocalDate day = after.atZone(zone).toLocalDate();
        Instant monthStart = monthStartOf(day);
        Instant monthEnd = monthEndOf(day);
        Instant next;
        if (spec.equals("weekly")) {
            next = day.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                    .atStartOfDay(zone)
                    .toInstant();
        } else if (spec.equals("daily")) {
            next = day.plusDays(1).atStartOfDay(zone).toInstant();
        } else {
            long periods = Duration.between(monthStart, after).dividedBy(every) + 1;
            next = monthStart.plus(every.multipliedBy(periods));
        }
        return next.isBefore(monthEnd) ? next : monthEnd;
    }

    /**
     * The start of the month a checkpoint counts: the one it falls in, or for the month's end the
     * month it closes.
     */
    public Instant periodStart(Instant checkpoint) {
        return monthStartOf(checkpoint.minusNanos(1).atZone(zone).toLocalDate());
    }

    /** The end (exclusive) of the month a checkpoint counts. */
    public Instant periodEnd(Instant checkpoint) {
        return monthEndOf(checkpoint.minusNanos(1).atZone(zone).toLocalDate());
    }

    public boolean isMonthEnd(Instant checkpoint) {
        return checkpoint.equals(periodEnd(checkpoint));
    }

    /** The start of the month an event at {@code at} counts in. */
    public Instant monthStartOf(Instant at) {
        return monthStartOf(at.atZone(zone).toLocalDate());
    }

    /** The end (exclusive) of the month an event at {@code at} counts in. */
    public Instant monthEndOf(Instant at) {
        return monthEndOf(at.atZone(zone).toLocalDate());
    }

    /** What is due at {@code checkpoint} of a month with {@code target}: the pro-rata share, rounded up. */
    public long expected(long target, Instant checkpoint) {
        Instant start = periodStart(checkpoint);
        long month = Duration.between(start, periodEnd(checkpoint)).toSeconds();
        long elapsed = Duration.between(start, checkpoint).toSeconds();
        // ceiling division (Math.ceilDiv is Java 18)
        return -Math.floorDiv(-target * elapsed, month);
    }

    private Instant monthStartOf(LocalDate day) {
        return day.withDayOfMonth(1).atStartOfDay(zone).toInstant();
    }

    private Instant monthEndOf(LocalDate day) {
        return day.withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant();
    }

    @Override
    public String toString() {
        return spec + " in " + zone;
    }
}
