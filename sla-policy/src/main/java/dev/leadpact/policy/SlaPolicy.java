package dev.leadpact.policy;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The sales commitments for one source, segment and stage. Every SLA event carries {@link #id()}
 * ({@code <source>/<segment>-<stage>}, e.g. {@code web/mid-sql}) and {@link #version()}.
 *
 * @param handoffStage the stage from which sales owns the lead: below it any contact is premature,
 *     from it on the first-contact and attempt clocks run
 * @param warningAt fraction of a deadline at which a warning goes out (0.8 = 80 %)
 * @param feedbackDeadline calendar time (not business time) for an SQL's reported outcome
 * @param appliesTo which stage episodes this version governs
 */
public record SlaPolicy(
        String id,
        int version,
        String source,
        Segment segment,
        Stage stage,
        Stage handoffStage,
        Duration firstContact,
        int attemptsRequired,
        Duration attemptWindow,
        double warningAt,
        Duration escalationDelay,
        Duration feedbackDeadline,
        BusinessCalendar calendar,
        PolicyReach appliesTo) {

    /** The configuration key of a segment and stage: {@code mid-sql}. */
    public static String keyOf(Segment segment, Stage stage) {
        return segment.name().toLowerCase(Locale.ROOT) + "-" + stage.name().toLowerCase(Locale.ROOT);
    }

    public static String idOf(String source, Segment segment, Stage stage) {
        return source + "/" + keyOf(segment, stage);
    }

    /** {@code id@version}: one version of one policy. */
    public String versionedId() {
        return id + "@" + version;
    }

    public boolean salesOwns(Stage leadStage) {
        return leadStage.isAtLeast(handoffStage);
    }

    /** When the warning for a deadline of {@code deadline} started at {@code start} is due. */
    public Instant warningFor(Instant start, Duration deadline) {
        long millis = Math.round(deadline.toMillis() * warningAt);
        return calendar.plus(start, Duration.ofMillis(millis));
    }
}
