package dev.leadpact.reporting.period;

import dev.leadpact.reporting.problem.InvalidFilterException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses and validates the query parameters reports share; errors name the parameter. */
public final class ReportFilters {

    /** A range longer than this is refused: it would recompute years of facts on one request. */
    static final int MAX_DAYS = 3 * 366;

    private ReportFilters() {}

    public static ZoneId zone(String zone, ZoneId fallback) {
        if (zone == null || zone.isBlank()) {
            return fallback;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new InvalidFilterException("zone", "zone must be an IANA time zone such as Europe/Berlin");
        }
    }

    /** {@code from} and {@code to} are required ISO dates, inclusive, at most about three years apart. */
    public static DateRange range(String from, String to, ZoneId zone) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (end.isBefore(start)) {
            throw new InvalidFilterException("to", "to must not be before from");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new InvalidFilterException("to", "a report spans at most " + MAX_DAYS + " days");
        }
        return new DateRange(start, end, zone);
    }

    public static ReportPeriod period(String period) {
        if (period == null || period.isBlank()) {
            return ReportPeriod.MONTH;
        }
        return ReportPeriod.fromId(period)
                .orElseThrow(() -> new InvalidFilterException("period", "period must be week or month"));
    }

    public static <E extends Enum<E>> E choice(String parameter, String value, Class<E> type, E fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String wanted = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new InvalidFilterException(
                        parameter,
                        parameter + " must be one of "
                                + Arrays.stream(type.getEnumConstants())
                                        .map(e -> e.name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', '-'))
                                        .collect(Collectors.joining(", "))));
    }

    /** Optional ISO 4217 code such as EUR; null when absent. */
    public static String currency(String currency) {
        if (currency == null || currency.isBlank()) {
            return null;
        }
        String code = currency.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            throw new InvalidFilterException("currency", "currency must be an ISO 4217 code such as EUR");
        }
        return code;
    }

    private static LocalDate date(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFilterException(parameter, parameter + " is required (an ISO date such as 2026-11-01)");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidFilterException(parameter, parameter + " must be an ISO date such as 2026-11-01");
        }
    }
}
