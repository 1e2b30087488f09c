package dev.leadpact.reporting.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void weeksStartOnMondayAcrossAMonthEnd() {
        // Tuesday 1 December 2026 belongs to the week of Monday 30 November
        assertThat(ReportPeriod.WEEK.bucketOf(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC))
                .isEqualTo(LocalDate.of(2026, 11, 30));
        // a Monday is its own week's start
        assertThat(ReportPeriod.WEEK.bucketOf(LocalDate.of(2026, 11, 30))).isEqualTo(LocalDate.of(2026, 11, 30));
        // Sunday 6 December is still that week
        assertThat(ReportPeriod.WEEK.bucketOf(LocalDate.of(2026, 12, 6))).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void theSameInstantFallsInDifferentMonthsByTimeZone() {
        Instant lateOn30November = Instant.parse("2026-11-30T23:30:00Z");
        assertThat(ReportPeriod.MONTH.bucketOf(lateOn30November, ZoneOffset.UTC))
                .isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(ReportPeriod.MONTH.bucketOf(lateOn30November, BERLIN)).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(ReportPeriod.MONTH.bucketOf(Instant.parse("2026-12-01T03:00:00Z"), NEW_YORK))
                .isEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void theSameInstantFallsInDifferentWeeksByTimeZone() {
        // Sunday 23:30 UTC is Monday 00:30 in Berlin
        Instant sundayNight = Instant.parse("2026-11-29T23:30:00Z");
        assertThat(ReportPeriod.WEEK.bucketOf(sundayNight, ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(ReportPeriod.WEEK.bucketOf(sundayNight, BERLIN)).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void acrossTheYearEnd() {
        // Friday 1 January 2027 belongs to the week that started Monday 28 December 2026
        assertThat(ReportPeriod.WEEK.bucketOf(LocalDate.of(2027, 1, 1))).isEqualTo(LocalDate.of(2026, 12, 28));
        assertThat(ReportPeriod.MONTH.bucketOf(Instant.parse("2026-12-31T16:00:00Z"), TOKYO))
                .isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(ReportPeriod.MONTH.nextBucket(LocalDate.of(2026, 12, 1))).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(ReportPeriod.WEEK.nextBucket(LocalDate.of(2026, 12, 28))).isEqualTo(LocalDate.of(2027, 1, 4));
    }

    @Test
    void dateRangesFollowTheLocalClockIncludingDaylightSavingChanges() {
        // 25 October 2026: Berlin leaves summer time, the day has 25 hours
        DateRange day = new DateRange(LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 25), BERLIN);
        assertThat(day.start()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(day.end()).isEqualTo(Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(Duration.between(day.start(), day.end())).isEqualTo(Duration.ofHours(25));

        DateRange november = new DateRange(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), BERLIN);
        assertThat(november.contains(Instant.parse("2026-11-30T22:59:59Z"))).isTrue();
        assertThat(november.contains(Instant.parse("2026-11-30T23:00:00Z"))).isFalse();
        assertThat(november.contains(Instant.parse("2026-10-31T23:00:00Z"))).isTrue();
        assertThatThrownBy(() -> new DateRange(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 1), BERLIN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void periodIds() {
        assertThat(ReportPeriod.fromId("week")).contains(ReportPeriod.WEEK);
        assertThat(ReportPeriod.fromId("MONTH")).contains(ReportPeriod.MONTH);
        assertThat(ReportPeriod.fromId("quarter")).isEmpty();
    }
}
