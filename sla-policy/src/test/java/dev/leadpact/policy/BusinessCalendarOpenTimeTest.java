package dev.leadpact.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link BusinessCalendar#openTimeBetween}: the open time a clock in the calendar counts. */
class BusinessCalendarOpenTimeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static BusinessCalendar nineToSix(LocalDate... holidays) {
        return BusinessCalendar.of(
                "office", BERLIN, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of(holidays));
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @Test
    void withinOneDayItIsTheWallClock() {
        // 2026-11-24 is a Tuesday.
        assertThat(nineToSix().openTimeBetween(at("2026-11-24T10:15"), at("2026-11-24T11:45")))
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(nineToSix().openTimeBetween(at("2026-11-24T09:00"), at("2026-11-24T18:00")))
                .isEqualTo(Duration.ofHours(9));
    }

    @Test
    void theNightCountsNothing() {
        // Tuesday 16:30 to Wednesday 10:00: 1 h 30 on Tuesday, 1 h on Wednesday.
        assertThat(nineToSix().openTimeBetween(at("2026-11-24T16:30"), at("2026-11-25T10:00")))
                .isEqualTo(Duration.ofMinutes(150));
    }

    @Test
    void theWeekendCountsNothing() {
        // Friday 2026-11-20 17:30 to Monday 09:30: half an hour on each side.
        assertThat(nineToSix().openTimeBetween(at("2026-11-20T17:30"), at("2026-11-23T09:30")))
                .isEqualTo(Duration.ofHours(1));
        assertThat(nineToSix().openTimeBetween(at("2026-11-21T10:00"), at("2026-11-22T20:00")))
                .isZero();
    }

    @Test
    void holidaysCountNothing() {
        BusinessCalendar calendar = nineToSix(LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"));
        // Wednesday 23 Dec 17:00 to Monday 28th 10:00: Thursday and Friday are holidays, then the weekend.
        assertThat(calendar.openTimeBetween(at("2026-12-23T17:00"), at("2026-12-28T10:00")))
                .isEqualTo(Duration.ofHours(2));
        assertThat(calendar.openTimeBetween(at("2026-12-24T09:00"), at("2026-12-24T18:00")))
                .isZero();
    }

    @Test
    void openHoursFollowLocalTimeAcrossDaylightSavingChanges() {
        // Into summer time on Sunday 2026-03-29: Friday 17:00 CET to Monday 10:00 CEST is 64 h of
        // real time and 2 open hours.
        Instant friday = at("2026-03-27T17:00");
        Instant monday = at("2026-03-30T10:00");
        assertThat(Duration.between(friday, monday)).isEqualTo(Duration.ofHours(64));
        assertThat(nineToSix().openTimeBetween(friday, monday)).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void onTheDstDayItselfTheOpenHoursAreRealHours() {
        // Open every day 01:00-05:00 in Berlin. On 2026-03-29 the clocks jump from 02:00 to 03:00:
        // 3 real hours open; on 2026-10-25 they go back from 03:00 to 02:00: 5 real hours.
        BusinessCalendar nights = BusinessCalendar.of(
                "nights", BERLIN, EnumSet.allOf(DayOfWeek.class), LocalTime.of(1, 0), LocalTime.of(5, 0), Set.of());
        assertThat(nights.openTimeBetween(at("2026-03-29T00:00"), at("2026-03-29T12:00")))
                .isEqualTo(Duration.ofHours(3));
        assertThat(nights.openTimeBetween(at("2026-10-25T00:00"), at("2026-10-25T12:00")))
                .isEqualTo(Duration.ofHours(5));
        assertThat(nights.openTimeBetween(at("2026-03-28T00:00"), at("2026-03-28T12:00")))
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void startAndEndOutsideHoursCountFromOpeningAndUntilClosing() {
        // Monday 2026-11-23
        assertThat(nineToSix().openTimeBetween(at("2026-11-23T07:00"), at("2026-11-23T20:00")))
                .isEqualTo(Duration.ofHours(9));
        assertThat(nineToSix().openTimeBetween(at("2026-11-23T07:00"), at("2026-11-23T10:00")))
                .isEqualTo(Duration.ofHours(1));
        assertThat(nineToSix().openTimeBetween(at("2026-11-23T17:00"), at("2026-11-23T23:00")))
                .isEqualTo(Duration.ofHours(1));
        assertThat(nineToSix().openTimeBetween(at("2026-11-23T20:00"), at("2026-11-24T08:00")))
                .isZero();
        // a conversion at 02:13 contacted at 09:45 waited 45 open minutes
        assertThat(nineToSix().openTimeBetween(at("2026-11-24T02:13"), at("2026-11-24T09:45")))
                .isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void longSpansCountEveryWorkingDay() {
        // Three weeks of November 2026 (no holidays): 15 working days of 9 hours.
        assertThat(nineToSix().openTimeBetween(at("2026-11-02T09:00"), at("2026-11-23T09:00")))
                .isEqualTo(Duration.ofHours(15 * 9));
        // 2026 has 261 weekdays.
        assertThat(nineToSix().openTimeBetween(at("2026-01-01T00:00"), at("2027-01-01T00:00")))
                .isEqualTo(Duration.ofHours(261 * 9));
    }

    @Test
    void alwaysOpenIsTheWallClock() {
        BusinessCalendar always = BusinessCalendar.alwaysOpen();
        // across Berlin's spring DST night and a weekend: UTC knows neither
        Instant saturday = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(always.openTimeBetween(saturday, Instant.parse("2026-03-30T12:00:30.5Z")))
                .isEqualTo(Duration.ofHours(48).plusMillis(30_500));
    }

    @Test
    void nothingIsOpenBetweenAnInstantAndAnEarlierOrTheSameOne() {
        Instant monday = at("2026-11-23T10:00");
        for (BusinessCalendar calendar : List.of(nineToSix(), BusinessCalendar.alwaysOpen())) {
            assertThat(calendar.openTimeBetween(monday, monday)).isZero();
            assertThat(calendar.openTimeBetween(monday, monday.minusSeconds(3600)))
                    .isZero();
        }
    }

    @Test
    void itIsTheInverseOfPlusForDurationsThatAreNotWholeDays() {
        List<BusinessCalendar> calendars = List.of(
                nineToSix(
                        LocalDate.parse("2026-12-24"),
                        LocalDate.parse("2026-12-25"),
                        LocalDate.parse("2026-12-31"),
                        LocalDate.parse("2027-01-01")),
                BusinessCalendar.of(
                        "nights",
                        BERLIN,
                        EnumSet.allOf(DayOfWeek.class),
                        LocalTime.of(1, 0),
                        LocalTime.of(5, 0),
                        Set.of()),
                BusinessCalendar.of(
                        "new-york",
                        ZoneId.of("America/New_York"),
                        EnumSet.of(
                                DayOfWeek.SUNDAY,
                                DayOfWeek.MONDAY,
                                DayOfWeek.TUESDAY,
                                DayOfWeek.WEDNESDAY,
                                DayOfWeek.THURSDAY),
                        LocalTime.of(8, 30),
                        LocalTime.of(17, 15),
                        Set.of(LocalDate.parse("2026-11-26"))),
                BusinessCalendar.alwaysOpen());
        Random random = new Random(20261127L);
        long year = Duration.ofDays(365).toSeconds();
        long day = Duration.ofDays(1).toNanos();
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        for (BusinessCalendar calendar : calendars) {
            for (int i = 0; i < 5_000; i++) {
                Instant start =
                        from.plusSeconds((long) (random.nextDouble() * year)).plusNanos(random.nextInt(1_000_000_000));
                // whole minutes most of the time (as deadlines are), any nanosecond count otherwise
                Duration amount = random.nextBoolean()
                        ? Duration.ofMinutes(1 + random.nextInt(300 * 60))
                        : Duration.ofNanos(1
                                + (long) (random.nextDouble()
                                        * Duration.ofHours(300).toNanos()));
                if (amount.toNanos() % day == 0) {
                    continue;
                }
                Instant end = calendar.plus(start, amount);
                assertThat(calendar.openTimeBetween(start, end))
                        .as("%s from %s plus %s = %s", calendar, start, amount, end)
                        .isEqualTo(amount);
            }
        }
    }
}
