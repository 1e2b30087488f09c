package dev.leadpact.reporting.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProRataTest {

    @Test
    void theWeeksOfDecember2026() {
        // December 2026 starts on a Tuesday and has 31 days: weeks of 6, 7, 7, 7 and 4 days in the month.
        // 150 leads due by the end of day 6, 13, 20, 27, 31: ceil(150 × k / 31) = 30, 63, 97, 131, 150
        List<PlanWeek> weeks = Plans.schedule(YearMonth.of(2026, 12), 15, 150);
        assertThat(weeks)
                .extracting(w -> w.weekStart() + " " + w.firstDay() + ".." + w.lastDay() + " " + w.days() + "d "
                        + w.qualifiedLeadsDue() + "/" + w.cumulativeQualifiedLeads() + " " + w.meetingsDue() + "/"
                        + w.cumulativeMeetings())
                .containsExactly(
                        "2026-11-30 2026-12-01..2026-12-06 6d 30/30 3/3",
                        "2026-12-07 2026-12-07..2026-12-13 7d 33/63 4/7",
                        "2026-12-14 2026-12-14..2026-12-20 7d 34/97 3/10",
                        "2026-12-21 2026-12-21..2026-12-27 7d 34/131 4/14",
                        "2026-12-28 2026-12-28..2026-12-31 4d 19/150 1/15");
        assertThat(weeks.stream().mapToLong(PlanWeek::qualifiedLeadsDue).sum()).isEqualTo(150);
    }

    @Test
    void aStretchAcrossTwoMonthsTakesEachMonthsShare() {
        // Monday 30 Nov: the last of 30 days, 150 - ceil(150 × 29 / 30) = 5; 1-6 Dec: 30
        assertThat(ProRata.due(150, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 6)))
                .isEqualTo(35);
        assertThat(ProRata.due(150, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)))
                .isEqualTo(150);
        assertThat(ProRata.due(150, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 1, 31)))
                .isEqualTo(450);
        // a February of 28 days: a quarter of the month is exactly a quarter of the target
        assertThat(ProRata.dueByEndOf(100, LocalDate.of(2027, 2, 7))).isEqualTo(25);
        assertThat(ProRata.dueByEndOf(0, LocalDate.of(2027, 2, 7))).isZero();
    }
}
