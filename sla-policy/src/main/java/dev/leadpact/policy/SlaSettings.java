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
 * SLA policies and calendars from configuration. A policy setting of a lead from source {@code s}
 * is looked up under {@code leadpact.sla.sources.<s>.policies."<segment>-<stage>"} (e.g. {@code
 * mid-sql}), then {@code <segment>}, then {@code default} of that source, then the same three keys
 * under {@code leadpact.sla.policies}, then the built-in defaults of {@link PolicyBook}.
 */
@ConfigMapping(prefix = "leadpact.sla")
public interface SlaSettings {

    /** Keys: {@code default}, a segment ({@code small}) or segment-stage ({@code small-sql}). */
    Map<String, PolicySettings> policies();

    /** Named business calendars; {@code 24x7} is built in. */
    Map<String, CalendarSettings> calendars();

    /** Owner id to manager id, for escalations when the owner assignment names no manager. */
    Map<String, String> managers();

    /**
     * Where leads come from besides {@link #defaultSource()}: a source is chosen by the
     * conversion's form id, then by its channel, and may have policies of its own.
     */
    Map<String, SourceSettings> sources();

    /** The source of a conversion whose form and channel no source names. */
    @WithDefault("web")
    String defaultSource();

    /**
     * A YAML file that these settings also load from, read by {@link PolicyFileConfigSourceFactory}
     * before this mapping; declared so that setting it is not an unknown key under the prefix.
     */
    Optional<String> policyFile();

    interface SourceSettings {
        /** Marketing channels (as the intake publishes them: lower case) of this source. */
        Optional<List<String>> channels();

        /** Form ids of this source; a form wins over a channel. */
        Optional<List<String>> forms();

        /** Keys as in {@link SlaSettings#policies()}; unset settings fall back to those. */
        Map<String, PolicySettings> policies();
    }

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

        /** Which stage episodes a new version of the policy governs; see {@link PolicyReach}. */
        Optional<PolicyReach> appliesTo();
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
