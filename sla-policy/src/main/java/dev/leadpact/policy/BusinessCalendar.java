package dev.leadpact.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Business-time arithmetic for SLA clocks: a time zone, working days, one working window per day
 * and holidays; or always open (24/7).
 *
 * <p>{@link #plus} counts only open time. A duration of whole days (P10D) counts working days
 * instead of hours: "10 business days" from Tuesday 11:00 is two weeks later, Tuesday 11:00, not 90
 * open hours. {@link #openTimeBetween} measures open time between two instants (speed to lead in
 * business time).
 */
public final class BusinessCalendar {

    public static final String ALWAYS_OPEN_NAME = "24x7";

    private static final Duration DAY = Duration.ofDays(1);
    /** A year of closed days in a row means the calendar is broken, not that time stands still. */
    private static final int MAX_CLOSED_DAYS = 366;

    private final String name;
    private final boolean alwaysOpen;
    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<LocalDate> holidays;

    private BusinessCalendar(
            String name,
            boolean alwaysOpen,
            ZoneId zone,
            Set<DayOfWeek> workingDays,
            LocalTime opens,
            LocalTime closes,
            Set<LocalDate> holidays) {
        this.name = name;
        this.alwaysOpen = alwaysOpen;
        this.zone = zone;
        this.workingDays = workingDays;
        this.opens = opens;
        this.closes = closes;
        this.holidays = holidays;
    }

    public static BusinessCalendar alwaysOpen() {
        return new BusinessCalendar(
                ALWAYS_OPEN_NAME,
                true,
                ZoneId.of("UTC"),
                EnumSet.allOf(DayOfWeek.class),
                LocalTime.MIN,
                LocalTime.MAX,
                Set.of());
    }

    public static BusinessCalendar of(
            String name,
            ZoneId zone,
            Set<DayOfWeek> workingDays,
            LocalTime opens,
            LocalTime closes,
            Set<LocalDate> holidays) {
        Objects.requireNonNull(zone, "zone");
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("calendar " + name + " has no working days");
        }
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("calendar " + name + " must open before it closes");
        }
        return new BusinessCalendar(
                name, false, zone, EnumSet.copyOf(workingDays), opens, closes, Set.copyOf(holidays));
    }

    public String name() {
        return name;
    }

    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    public ZoneId zone() {
        return zone;
    }

    public Set<DayOfWeek> workingDays() {
        return Set.copyOf(workingDays);
    }

    public LocalTime opens() {
        return opens;
    }

    public LocalTime closes() {
        return closes;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** Whether the instant lies inside working time. */
    public boolean isOpen(Instant instant) {
        if (alwaysOpen) {
            return true;
        }
        ZonedDateTime local = instant.atZone(zone);
        if (!isWorkingDay(local.toLocalDate())) {
            return false;
        }
        return !instant.isBefore(openOf(local.toLocalDate())) && instant.isBefore(closeOf(local.toLocalDate()));
    }

    /** {@code start} plus {@code amount} of open time (see the class comment for whole days). */
    public Instant plus(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative SLA duration " + amount);
        }
        if (alwaysOpen || amount.isZero()) {
            return start.plus(amount);
        }
        if (amount.toNanos() % DAY.toNanos() == 0) {
            return plusWorkingDays(start, amount.toDays());
        }
        return plusOpenTime(start, amount);
    }

    /**
     * The open time in [{@code from}, {@code to}): what a clock in this calendar counts between the
     * two, {@link Duration#ZERO} when {@code to} is not after {@code from}; for 24/7 the wall-clock
     * time. For a duration that is not a whole number of days it is the inverse of {@link #plus}:
     * {@code openTimeBetween(s, plus(s, d))} equals {@code d}. One step per calendar day, so weeks
     * cost a few dozen steps.
     */
    public Duration openTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration open = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate date = from.atZone(zone).toLocalDate(); !date.isAfter(last); date = date.plusDays(1)) {
            if (!isWorkingDay(date)) {
                continue;
            }
            Instant start = max(from, openOf(date));
            Instant end = min(to, closeOf(date));
            if (end.isAfter(start)) {
                open = open.plus(Duration.between(start, end));
            }
        }
        return open;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private Instant plusOpenTime(Instant start, Duration amount) {
        Duration remaining = amount;
        Instant cursor = start;
        while (true) {
            cursor = nextOpening(cursor);
            Instant close = closeOf(cursor.atZone(zone).toLocalDate());
            Duration available = Duration.between(cursor, close);
            if (remaining.compareTo(available) <= 0) {
                return cursor.plus(remaining);
            }
            remaining = remaining.minus(available);
            cursor = close;
        }
    }

    private Instant plusWorkingDays(Instant start, long days) {
        Instant opening = nextOpening(start);
        ZonedDateTime local = opening.atZone(zone);
        LocalTime timeOfDay = local.toLocalTime();
        LocalDate date = local.toLocalDate();
        for (long i = 0; i < days; i++) {
            date = nextWorkingDay(date.plusDays(1));
        }
        return ZonedDateTime.of(date, timeOfDay, zone).toInstant();
    }

    /** The instant itself when open, else the next time the calendar opens. */
    Instant nextOpening(Instant instant) {
        LocalDate date = instant.atZone(zone).toLocalDate();
        if (isWorkingDay(date)) {
            Instant open = openOf(date);
            if (instant.isBefore(open)) {
                return open;
            }
            if (instant.isBefore(closeOf(date))) {
                return instant;
            }
        }
        return openOf(nextWorkingDay(date.plusDays(1)));
    }

    private LocalDate nextWorkingDay(LocalDate from) {
        LocalDate date = from;
        for (int i = 0; i < MAX_CLOSED_DAYS; i++) {
            if (isWorkingDay(date)) {
                return date;
            }
            date = date.plusDays(1);
        }
        throw new IllegalStateException("calendar " + name + " has no working day within a year of " + from);
    }

    private boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    private Instant openOf(LocalDate date) {
        return ZonedDateTime.of(date, opens, zone).toInstant();
    }

    private Instant closeOf(LocalDate date) {
        return ZonedDateTime.of(date, closes, zone).toInstant();
    }

    @Override
    public String toString() {
        return alwaysOpen
                ? name
                : name + "[" + zone + " " + workingDays + " " + opens + "-" + closes + ", " + holidays.size()
                        + " holidays]";
    }
}
