package dev.leadpact.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    private static BusinessCalendar nineToSix(ZoneId zone, LocalDate... holidays) {
        return BusinessCalendar.of("office", zone, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of(holidays));
    }

    private static Instant at(ZoneId zone, String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @Test
    void oneBusinessHourFromFridayEveningIsMondayMorning() {
        BusinessCalendar calendar = nineToSix(BERLIN);
        // 2026-11-20 is a Friday.
        assertThat(calendar.plus(at(BERLIN, "2026-11-20T17:30"), Duration.ofHours(1)))
                .isEqualTo(at(BERLIN, "2026-11-23T09:30"));
    }

    @Test
    void aDeadlineMayEndExactlyAtClosingTime() {
        BusinessCalendar calendar = nineToSix(BERLIN);
        assertThat(calendar.plus(at(BERLIN, "2026-11-20T17:00"), Duration.ofHours(1)))
                .isEqualTo(at(BERLIN, "2026-11-20T18:00"));
    }

    @Test
    void aConversionAtNightStartsTheClockAtOpening() {
        BusinessCalendar calendar = nineToSix(BERLIN);
        assertThat(calendar.plus(at(BERLIN, "2026-11-24T02:13"), Duration.ofMinutes(45)))
                .isEqualTo(at(BERLIN, "2026-11-24T09:45"));
        assertThat(calendar.plus(at(BERLIN, "2026-11-22T12:00"), Duration.ofHours(1)))
                .as("Sunday counts nothing")
                .isEqualTo(at(BERLIN, "2026-11-23T10:00"));
    }

    @Test
    void longDeadlinesSpanSeveralDays() {
        BusinessCalendar calendar = nineToSix(BERLIN);
        // 9 open hours a day: 20 hours from Thursday 10:00 = Thu 8h + Fri 9h + Mon 3h.
        assertThat(calendar.plus(at(BERLIN, "2026-11-19T10:00"), Duration.ofHours(20)))
                .isEqualTo(at(BERLIN, "2026-11-23T12:00"));
    }

    @Test
    void holidaysAreSkipped() {
        BusinessCalendar calendar = nineToSix(BERLIN, LocalDate.parse("2026-12-24"), LocalDate.parse("2026-12-25"));
        // Wednesday 23 Dec 17:30 + 1h: Thu and Fri are holidays, so Monday 28th 09:30.
        assertThat(calendar.plus(at(BERLIN, "2026-12-23T17:30"), Duration.ofHours(1)))
                .isEqualTo(at(BERLIN, "2026-12-28T09:30"));
        assertThat(calendar.isOpen(at(BERLIN, "2026-12-24T10:00"))).isFalse();
    }

    @Test
    void openHoursFollowLocalTimeAcrossDaylightSavingChanges() {
        BusinessCalendar calendar = nineToSix(BERLIN);
        // Berlin leaves summer time on Sunday 2026-10-25: Friday 17:30 CEST (15:30Z) + 1h lands
        // on Monday 09:30 CET, which is 08:30Z: 65 h of real time for 64 h on the wall clock.
        Instant friday = at(BERLIN, "2026-10-23T17:30");
        Instant monday = calendar.plus(friday, Duration.ofHours(1));
        assertThat(monday).isEqualTo(Instant.parse("2026-10-26T08:30:00Z"));
        assertThat(Duration.between(friday, monday)).isEqualTo(Duration.ofHours(65));
        // And into summer time (2026-03-29): Friday 17:30 CET (16:30Z) + 1h = Monday 09:30 CEST (07:30Z).
        assertThat(calendar.plus(at(BERLIN, "2026-03-27T17:30"), Duration.ofHours(1)))
                .isEqualTo(Instant.parse("2026-03-30T07:30:00Z"));
    }

    @Test
    void aCalendarThatWorksOnTheDstNightCountsRealTime() {
        // Sunday 2026-03-29 in Berlin has 23 hours (02:00 -> 03:00): 3 open hours from 01:00
        // local end at 05:00 local, not 04:00.
        BusinessCalendar calendar = BusinessCalendar.of(
                "night", BERLIN, EnumSet.allOf(DayOfWeek.class), LocalTime.of(0, 0), LocalTime.of(23, 0), Set.of());
        assertThat(calendar.plus(at(BERLIN, "2026-03-29T01:00"), Duration.ofHours(3)))
                .isEqualTo(ZonedDateTime.of(2026, 3, 29, 5, 0, 0, 0, BERLIN).toInstant());
    }

    @Test
    void wholeDaysCountWorkingDays() {
        BusinessCalendar calendar = nineToSix(BERLIN, LocalDate.parse("2026-12-24"));
        // 10 business days from Tuesday 2026-11-17 11:00 is Tuesday 2026-12-01 11:00.
        assertThat(calendar.plus(at(BERLIN, "2026-11-17T11:00"), Duration.ofDays(10)))
                .isEqualTo(at(BERLIN, "2026-12-01T11:00"));
        // Starting on Saturday: from Monday's opening. Holiday Thursday 24th is skipped.
        assertThat(calendar.plus(at(BERLIN, "2026-12-19T15:00"), Duration.ofDays(4)))
                .isEqualTo(at(BERLIN, "2026-12-28T09:00"));
    }

    @Test
    void alwaysOpenIsPlainArithmetic() {
        BusinessCalendar calendar = BusinessCalendar.alwaysOpen();
        Instant saturdayNight = Instant.parse("2026-11-21T23:30:00Z");
        assertThat(calendar.plus(saturdayNight, Duration.ofSeconds(5))).isEqualTo(saturdayNight.plusSeconds(5));
        assertThat(calendar.plus(saturdayNight, Duration.ofDays(10)))
                .isEqualTo(saturdayNight.plus(Duration.ofDays(10)));
        assertThat(calendar.isOpen(saturdayNight)).isTrue();
    }

    @Test
    void rejectsCalendarsThatNeverOpen() {
        assertThatThrownBy(() -> BusinessCalendar.of(
                        "broken", BERLIN, Set.of(), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessCalendar.of(
                        "broken", BERLIN, WEEKDAYS, LocalTime.of(18, 0), LocalTime.of(9, 0), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
