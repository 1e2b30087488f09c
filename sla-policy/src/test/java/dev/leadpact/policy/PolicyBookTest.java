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
            implements SlaSettings.PolicySettings {
        @Override
        public Optional<PolicyReach> appliesTo() {
            return Optional.empty();
        }
    }

    private record Source(
            Optional<List<String>> channels,
            Optional<List<String>> forms,
            Map<String, SlaSettings.PolicySettings> policies)
            implements SlaSettings.SourceSettings {}

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
            Map<String, String> managers,
            Map<String, SlaSettings.SourceSettings> sources,
            String defaultSource)
            implements SlaSettings {
        Config(
                Map<String, SlaSettings.PolicySettings> policies,
                Map<String, SlaSettings.CalendarSettings> calendars,
                Map<String, String> managers) {
            this(policies, calendars, managers, Map.of(), "web");
        }

        @Override
        public Optional<String> policyFile() {
            return Optional.empty();
        }
    }

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
        assertThat(p.id()).isEqualTo("web/mid-sql");
        assertThat(p.source()).isEqualTo("web");
        assertThat(p.appliesTo()).isEqualTo(PolicyReach.NEW_EPISODES);
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

    @Test
    void aSourceIsChosenByFormThenChannelAndItsOwnSettingsComeBeforeTheCommonOnes() {
        Settings common = new Settings(
                OptionalInt.of(2),
                Optional.empty(),
                Optional.of(Duration.ofMinutes(30)),
                OptionalInt.of(5),
                Optional.empty(),
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Settings partnerDefault = new Settings(
                OptionalInt.of(4),
                Optional.empty(),
                Optional.of(Duration.ofHours(8)),
                OptionalInt.empty(),
                Optional.empty(),
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Settings partnerLarge = new Settings(
                OptionalInt.empty(),
                Optional.empty(),
                Optional.empty(),
                OptionalInt.of(9),
                Optional.empty(),
                OptionalDouble.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        Config config = new Config(
                Map.of("default", common),
                Map.of(),
                Map.of(),
                Map.of(
                        "partner",
                        new Source(
                                Optional.of(List.of("Partner", "reseller")),
                                Optional.empty(),
                                Map.of("default", partnerDefault, "large", partnerLarge)),
                        "trade-show",
                        new Source(Optional.empty(), Optional.of(List.of("booth-scan")), Map.of())),
                "web");
        PolicyBook book = PolicyBook.from(config);

        assertThat(book.all()).hasSize(27);
        assertThat(book.sourceOf("partner", "contact-sales")).isEqualTo("partner");
        assertThat(book.sourceOf(" RESELLER ", null)).isEqualTo("partner");
        assertThat(book.sourceOf("partner", "booth-scan")).isEqualTo("trade-show");
        assertThat(book.sourceOf("paid-search", "contact-sales")).isEqualTo("web");
        assertThat(book.sourceOf(null, null)).isEqualTo("web");

        SlaPolicy partnerLargeSql = book.of("partner", Segment.LARGE, Stage.SQL);
        assertThat(partnerLargeSql.id()).isEqualTo("partner/large-sql");
        assertThat(partnerLargeSql.version()).isEqualTo(4);
        assertThat(partnerLargeSql.firstContact()).isEqualTo(Duration.ofHours(8));
        assertThat(partnerLargeSql.attemptsRequired()).isEqualTo(9);
        SlaPolicy partnerSmallSql = book.of("partner", Segment.SMALL, Stage.SQL);
        assertThat(partnerSmallSql.attemptsRequired()).isEqualTo(5);
        SlaPolicy showSql = book.of("trade-show", Segment.SMALL, Stage.SQL);
        assertThat(showSql.id()).isEqualTo("trade-show/small-sql");
        assertThat(showSql.firstContact()).isEqualTo(Duration.ofMinutes(30));
        assertThat(book.of(Segment.SMALL, Stage.SQL).id()).isEqualTo("web/small-sql");
        assertThat(book.of("gone", Segment.SMALL, Stage.SQL).id()).isEqualTo("web/small-sql");
    }

    @Test
    void aChannelNamedByTwoSourcesOrABadSourceNameIsAConfigurationError() {
        Map<String, SlaSettings.SourceSettings> twice = Map.of(
                "partner", new Source(Optional.of(List.of("referral")), Optional.empty(), Map.of()),
                "friends", new Source(Optional.of(List.of("Referral")), Optional.empty(), Map.of()));
        assertThatThrownBy(() -> PolicyBook.from(new Config(Map.of(), Map.of(), Map.of(), twice, "web")))
                .hasMessageContaining("channel 'referral' is named by two sources");
        Map<String, SlaSettings.SourceSettings> badName =
                Map.of("Trade Show", new Source(Optional.empty(), Optional.empty(), Map.of()));
        assertThatThrownBy(() -> PolicyBook.from(new Config(Map.of(), Map.of(), Map.of(), badName, "web")))
                .hasMessageContaining("leadpact.sla.sources.Trade Show");
    }
}
