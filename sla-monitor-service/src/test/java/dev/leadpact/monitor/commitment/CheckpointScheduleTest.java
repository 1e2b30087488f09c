package dev.leadpact.monitor.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointScheduleTest {
    private static final CheckpointSchedule WEEKLY_UTC = new CheckpointSchedule(ZoneOffset.UTC, "weekly");

    private static List<Instant> chain(CheckpointSchedule schedule, Instant from, int count) {
        List<Instant> out = new ArrayList<>();
        Instant at = from;
        for (int i = 0; i < count; i++) {
            at = schedule.next(at);
            out.add(at);
        }
        return out;
    }

    @Test
    void weeklyCheckpointsAreTheStartsOfIsoWeeksInsideTheMonthAndTheMonthsEnd() {
        // November 2026 starts on a Sunday; December on a Tuesday.
        assertThat(chain(WEEKLY_UTC, Instant.parse("2026-11-01T00:00:00Z"), 7))
                .containsExactly(
                        Instant.parse("2026-11-02T00:00:00Z"),
                        Instant.parse("2026-11-09T00:00:00Z"),
                        Instant.parse("2026-11-16T00:00:00Z"),
                        Instant.parse("2026-11-23T00:00:00Z"),
                        Instant.parse("2026-11-30T00:00:00Z"),
                        Instant.parse("2026-12-01T00:00:00Z"),
                        Instant.parse("2026-12-07T00:00:00Z"));
        assertThat(WEEKLY_UTC.isMonthEnd(Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
        assertThat(WEEKLY_UTC.isMonthEnd(Instant.parse("2026-11-30T00:00:00Z"))).isFalse();
    }

    @Test
    void nextIsStrictlyLater() {
        assertThat(WEEKLY_UTC.next(Instant.parse("2026-11-09T00:00:00Z"))).isEqualTo("2026-11-16T00:00:00Z");
        assertThat(WEEKLY_UTC.next(Instant.parse("2026-11-08T23:59:59Z"))).isEqualTo("2026-11-09T00:00:00Z");
    }

    @Test
    void theMonthsEndCountsTheMonthItCloses() {
        Instant end = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(WEEKLY_UTC.periodStart(end)).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(WEEKLY_UTC.periodEnd(end)).isEqualTo(end);
        assertThat(WEEKLY_UTC.monthStartOf(end)).isEqualTo(end);
    }

    @Test
    void dueIsTheProRataShareRoundedUp() {
        // 2 reps × 150 = 300 a month; November has 30 days.
        assertThat(WEEKLY_UTC.expected(300, Instant.parse("2026-11-02T00:00:00Z")))
                .isEqualTo(10);
        assertThat(WEEKLY_UTC.expected(300, Instant.parse("2026-11-09T00:00:00Z")))
                .isEqualTo(80);
        assertThat(WEEKLY_UTC.expected(300, Instant.parse("2026-11-23T00:00:00Z")))
                .isEqualTo(220);
        assertThat(WEEKLY_UTC.expected(300, Instant.parse("2026-12-01T00:00:00Z")))
                .isEqualTo(300);
        // one second into the month already owes one lead
        assertThat(WEEKLY_UTC.expected(300, Instant.parse("2026-11-01T00:00:01Z")))
                .isEqualTo(1);
        assertThat(WEEKLY_UTC.expected(0, Instant.parse("2026-11-09T00:00:00Z")))
                .isZero();
    }

    @Test
    void aFixedPeriodCountsFromTheMonthsStartAndStopsAtItsEnd() {
        CheckpointSchedule minutes = new CheckpointSchedule(ZoneOffset.UTC, "PT1M");
        assertThat(minutes.next(Instant.parse("2026-11-27T10:15:30Z"))).isEqualTo("2026-11-27T10:16:00Z");
        assertThat(minutes.next(Instant.parse("2026-11-27T10:16:00Z"))).isEqualTo("2026-11-27T10:17:00Z");
        // 720 hours in November: the last 7-hour checkpoint is at 714 h, then the month's end
        CheckpointSchedule sevenHours = new CheckpointSchedule(ZoneOffset.UTC, "PT7H");
        assertThat(sevenHours.next(Instant.parse("2026-11-30T17:00:00Z"))).isEqualTo("2026-11-30T18:00:00Z");
        assertThat(sevenHours.next(Instant.parse("2026-11-30T20:00:00Z"))).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(sevenHours.next(Instant.parse("2026-12-01T00:00:00Z"))).isEqualTo("2026-12-01T07:00:00Z");
    }

    @Test
    void dailyCheckpointsAreMidnights() {
        CheckpointSchedule daily = new CheckpointSchedule(ZoneOffset.UTC, "daily");
        assertThat(chain(daily, Instant.parse("2026-11-29T12:00:00Z"), 3))
                .containsExactly(
                        Instant.parse("2026-11-30T00:00:00Z"),
                        Instant.parse("2026-12-01T00:00:00Z"),
                        Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void monthsAndWeeksAreThoseOfTheZoneAcrossDaylightSavingTime() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        CheckpointSchedule schedule = new CheckpointSchedule(berlin, "weekly");
        Instant octoberEnd =
                LocalDateTime.parse("2026-11-01T00:00").atZone(berlin).toInstant();
        assertThat(octoberEnd).isEqualTo("2026-10-31T23:00:00Z");
        assertThat(schedule.periodStart(octoberEnd)).isEqualTo("2026-09-30T22:00:00Z");
        assertThat(schedule.isMonthEnd(octoberEnd)).isTrue();
        // October 2026 in Berlin has 31 days and one hour (summer time ends on the 25th): 745 hours;
        // the first Monday, 5 October, closes 4 days = 96 hours of it.
        Instant firstMonday =
                LocalDateTime.parse("2026-10-05T00:00").atZone(berlin).toInstant();
        assertThat(schedule.next(
                        LocalDateTime.parse("2026-10-01T00:00").atZone(berlin).toInstant()))
                .isEqualTo(firstMonday);
        assertThat(schedule.expected(745, firstMonday)).isEqualTo(96);
        // 23:30 UTC on 31 October is already November in Berlin
        assertThat(schedule.monthStartOf(Instant.parse("2026-10-31T23:30:00Z"))).isEqualTo(octoberEnd);
    }

    @Test
    void anUnknownScheduleIsRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> new CheckpointSchedule(ZoneOffset.UTC, "fortnightly"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weekly, daily or an ISO-8601 duration");
        assertThatThrownBy(() -> new CheckpointSchedule(ZoneOffset.UTC, "PT0S"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one second");
    }
}
