package dev.leadpact.reporting.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadpact.reporting.problem.InvalidFilterException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class BucketsTest {
    private static final long QUARTER_HOUR = 900;

    @Test
    void theFirstBucketStartsWithTheRangeAndIsNamedByItsFirstDay() {
        DateRange range = new DateRange(LocalDate.parse("2026-11-04"), LocalDate.parse("2026-11-17"), ZoneId.of("UTC"));
        Buckets weeks = Buckets.of(ReportPeriod.WEEK, range, QUARTER_HOUR);
        assertThat(weeks.starts())
                .extracting(LocalDate::toString)
                .containsExactly("2026-11-02", "2026-11-09", "2026-11-16");
        assertThat(weeks.edges())
                .extracting(Instant::toString)
                .containsExactly("2026-11-04T00:00:00Z", "2026-11-09T00:00:00Z", "2026-11-16T00:00:00Z");
        assertThat(weeks.end()).isEqualTo(Instant.parse("2026-11-18T00:00:00Z"));
        assertThat(weeks.startOf(2)).isEqualTo(LocalDate.parse("2026-11-09"));
    }

    @Test
    void edgesAreLocalMidnightsAcrossADaylightSavingChange() {
        DateRange range =
                new DateRange(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-11-30"), ZoneId.of("Europe/Berlin"));
        assertThat(Buckets.of(ReportPeriod.MONTH, range, QUARTER_HOUR).sqlEdges())
                .containsExactly("2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z");
        // India is 5:30 ahead, Nepal 5:45: still whole quarters of an hour
        DateRange kathmandu = new DateRange(
                LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), ZoneId.of("Asia/Kathmandu"));
        assertThat(Buckets.of(ReportPeriod.MONTH, kathmandu, QUARTER_HOUR).sqlEdges())
                .containsExactly("2026-10-31T18:15:00Z");
    }

    @Test
    void aMidnightOffTheQuarterHoursIsRefused() {
        // Kolkata's local mean time of 1900 was 5 h 21 min 10 s ahead of UTC
        DateRange range =
                new DateRange(LocalDate.parse("1900-01-01"), LocalDate.parse("1900-01-31"), ZoneId.of("Asia/Kolkata"));
        assertThatThrownBy(() -> Buckets.of(ReportPeriod.MONTH, range, QUARTER_HOUR))
                .isInstanceOf(InvalidFilterException.class)
                .hasMessageContaining("Asia/Kolkata");
    }
}
