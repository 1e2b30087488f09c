package dev.leadpact.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PolicyBookTest {

    /** A policy setting group with only the given values. */
    private record Settings(
            OptionalInt version,
            Optional<Stage> handoffStage,
            Optional<Duration> firstContact,
            OptionalInt attemptsRequired,
            Optional<Duration> attemptWindow,
            OptionalDouble warningAt,
            Optional<Duration> escalationDelay,
            Optional<Duration> feedbackDeadline,
            Optional<String> calendar)
            implements SlaSettings.PolicySettings {}

    private record Calendar(
            String zone,
            List<DayOfWeek> workingDays,
            LocalTime opens,
            LocalTime closes,
            Optional<List<LocalDate>> holidays)
            implements SlaSettings.CalendarSettings {}

    private record Config(
            Map<String, SlaSettings.PolicySettings> policies,
            Map<String, SlaSettings.CalendarSettings> calendars,
            Map<String, String> managers)
            implements SlaSettings {}

    private static final Calendar OFFICE = new Calendar(
            "Europe/Berlin",
            List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0),
            LocalTime.of(18, 0),
            Optional.of(List.of(LocalDate.parse("2026-12-24"))));

    @Test
    void withNothingConfiguredEveryPolicyHasTheDesignDefaults() {
        PolicyBook book = PolicyBook.from(new Config(Map.of(), Map.of(), Map.of()));
        assertThat(book.all()).hasSize(9);
        SlaPolicy p = book.of(Segment.MID, Stage.SQL);
        assertThat(p.id()).isEqualTo("mid-sql");
        assertThat(p.version()).isEqualTo(1);
        assertThat(p.handoffStage()).isEqualTo(Stage.SQL);
        assertThat(p.firstContact()).isEqualTo(Duration.ofHours(1));
        assertThat(p.attemptsRequired()).isEqualTo(6);
        assertThat(p.attemptWindow()).isEqualTo(Duration.ofDays(10));
        assertThat(p.warningAt()).isEqualTo(0.8);
        assertThat(p.feedbackDeadline()).isEqualTo(Duration.ofDays(30));
        assertThat(p.calendar().isAlwaysOpen()).isTrue();
        assertThat(p.salesOwns(Stage.MQL)).isFalse();
        assertThat(p.salesOwns(Stage.SQL)).isTrue();
    }

    @Test
    void segmentStageOverridesSegmentWhichOverridesDefault() {
        Settings defaults = new Settings(
                OptionalInt.of(3),
                Optional.empty(),
                Optional.of(Duration.ofMinutes(45)),
                OptionalInt.empty(),
                Optional.empty(),
                OptionalDouble.of(0.5),
                Optional.empty(),
                Optional.empty(),
                Optional.of("office"));
        Settings small = new Settings(
                OptionalInt.empty(),
                Optional.of(Stage.MQL),
                Optional.empty(),
                OptionalInt.of(4),
                Optional.empty(),
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Settings smallSql = new Settings(
                OptionalInt.of(5),
                Optional.empty(),
                Optional.of(Duration.ofSeconds(5)),
                OptionalInt.empty(),
                Optional.empty(),
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("24x7"));
        PolicyBook book = PolicyBook.from(new Config(
                Map.of("default", defaults, "small", small, "small-sql", smallSql),
                Map.of("office", OFFICE),
                Map.of("rep-a", "mgr-a")));

        SlaPolicy smallSqlPolicy = book.of(Segment.SMALL, Stage.SQL);
        assertThat(smallSqlPolicy.version()).isEqualTo(5);
        assertThat(smallSqlPolicy.firstContact()).isEqualTo(Duration.ofSeconds(5));
        assertThat(smallSqlPolicy.attemptsRequired()).isEqualTo(4);
        assertThat(smallSqlPolicy.handoffStage()).isEqualTo(Stage.MQL);
        assertThat(smallSqlPolicy.warningAt()).isEqualTo(0.5);
        assertThat(smallSqlPolicy.calendar().isAlwaysOpen()).isTrue();

        SlaPolicy smallMql = book.of(Segment.SMALL, Stage.MQL);
        assertThat(smallMql.version()).isEqualTo(3);
        assertThat(smallMql.firstContact()).isEqualTo(Duration.ofMinutes(45));
        assertThat(smallMql.salesOwns(Stage.MQL)).isTrue();
        assertThat(smallMql.calendar().name()).isEqualTo("office");
        assertThat(smallMql.calendar().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));

        SlaPolicy largeSql = book.of(Segment.LARGE, Stage.SQL);
        assertThat(largeSql.attemptsRequired()).isEqualTo(6);
        assertThat(largeSql.handoffStage()).isEqualTo(Stage.SQL);
        assertThat(book.managerOf("rep-a")).contains("mgr-a");
        assertThat(book.managerOf("rep-b")).isEmpty();
    }

    @Test
    void anUnknownCalendarOrAWarningOutsideTheDeadlineIsAConfigurationError() {
        Settings unknownCalendar = new Settings(
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("nope"));
        assertThatThrownBy(() -> PolicyBook.from(new Config(Map.of("default", unknownCalendar), Map.of(), Map.of())))
                .hasMessageContaining("unknown calendar nope");
        Settings badWarning = new Settings(
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                OptionalDouble.of(1.5),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> PolicyBook.from(new Config(Map.of("mid-sql", badWarning), Map.of(), Map.of())))
                .hasMessageContaining("warning-at");
    }
}
