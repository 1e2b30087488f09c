package dev.leadpact.reporting.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A report's time filter: local dates {@code from} (inclusive) to {@code to} (inclusive) in {@code
 * zone}, so {@code from=2026-11-01&to=2026-11-30} is all of November on the report's wall clock.
 */
public record DateRange(LocalDate from, LocalDate to, ZoneId zone) {

    public DateRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to is before from");
        }
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** Exclusive end: midnight after {@code to}. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean contains(Instant instant) {
        return instant != null && !instant.isBefore(start()) && instant.isBefore(end());
    }
}
