package dev.leadpact.policy;

import dev.leadpact.events.Stage;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * SLA policies and calendars from configuration. A policy setting is looked up under
 * {@code leadpact.sla.policies."<segment>-<stage>"} (e.g. {@code mid-sql}), then {@code <segment>},
 * then {@code default}, then the built-in defaults of {@link PolicyBook}.
 */
@ConfigMapping(prefix = "leadpact.sla")
public interface SlaSettings {

    /** Keys: {@code default}, a segment ({@code small}) or segment-stage ({@code small-sql}). */
    Map<String, PolicySettings> policies();

    /** Named business calendars; {@code 24x7} is built in. */
    Map<String, CalendarSettings> calendars();

    /** Owner id to manager id, for escalations when the owner assignment names no manager. */
    Map<String, String> managers();

    interface PolicySettings {
        OptionalInt version();

        Optional<Stage> handoffStage();

        Optional<Duration> firstContact();

        OptionalInt attemptsRequired();

        Optional<Duration> attemptWindow();

        OptionalDouble warningAt();

        Optional<Duration> escalationDelay();

        Optional<Duration> feedbackDeadline();

        /** Name of a calendar in {@link SlaSettings#calendars()} or {@code 24x7}. */
        Optional<String> calendar();
    }

    interface CalendarSettings {
        @WithDefault("UTC")
        String zone();

        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        List<DayOfWeek> workingDays();

        @WithDefault("09:00")
        LocalTime opens();

        @WithDefault("18:00")
        LocalTime closes();

        Optional<List<LocalDate>> holidays();
    }
}
