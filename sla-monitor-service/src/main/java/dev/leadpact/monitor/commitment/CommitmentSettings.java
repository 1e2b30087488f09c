package dev.leadpact.monitor.commitment;

import dev.leadpact.events.Stage;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Marketing's lead commitment: qualified leads per sales rep and month, delivered paced through the
 * month. A scope is a team ({@code team:<team>}, the team of the lead's owner) or a segment
 * ({@code segment:<SEGMENT>}); its reps are the distinct owners who got leads of it assigned within
 * the roster window, and at least the configured number.
 */
@ConfigMapping(prefix = "leadpact.sla.commitment")
public interface CommitmentSettings {

    /** Qualified leads marketing owes each sales rep per month. */
    @WithDefault("150")
    int qualifiedLeadsPerRepPerMonth();

    /** The stage from which a lead counts as delivered; default: the default policy's handoff stage. */
    Optional<Stage> qualifyingStage();

    /** {@code weekly} (the start of every ISO week), {@code daily}, or an ISO-8601 duration (PT1M for a demo). */
    @WithDefault("weekly")
    String checkpoints();

    /** Time zone of months, weeks and days; default: the default policy's calendar zone. */
    Optional<String> zone();

    /** A lead that sales disqualifies within this time of its qualification does not count as delivered. */
    @WithDefault("P14D")
    Duration disqualificationWindow();

    /** A rep counts for a scope while the latest lead assignment to them is at most this old. */
    @WithDefault("P30D")
    Duration rosterWindow();

    /** Every team named in recent owner assignments has a commitment, configured or not. */
    @WithDefault("true")
    boolean discoverTeams();

    /** Teams by name, e.g. {@code leadpact.sla.commitment.teams.emea-mid.reps=4}. */
    Map<String, ScopeSettings> teams();

    /** Segments (SMALL, MID, LARGE), e.g. {@code leadpact.sla.commitment.segments.large.reps=2}. */
    Map<String, ScopeSettings> segments();

    /** The {@code policyId} of shortfall events. */
    @WithDefault("marketing-volume")
    String policyId();

    /** The {@code policyVersion} of shortfall events. */
    @WithDefault("1")
    int version();

    interface ScopeSettings {
        /** The fewest reps the scope has, whatever owner assignments say. */
        OptionalInt reps();

        /** Overrides the per-rep number for this scope. */
        OptionalInt qualifiedLeadsPerRepPerMonth();
    }
}
