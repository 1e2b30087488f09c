package dev.leadpact.reporting;

import dev.leadpact.events.Stage;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Business settings of the reports. */
@ConfigMapping(prefix = "leadpact.reporting")
public interface ReportingConfig {

    /** Time zone of weeks, months and date filters when a request gives none. */
    @WithDefault("UTC")
    ZoneId zone();

    Attribution attribution();

    Speed speed();

    Export export();

    /** Marketing's commitment, for the SLA evaluation. */
    Marketing marketing();

    /** Sales' closed-loop feedback commitment, for the SLA evaluation. */
    Feedback feedback();

    /**
     * API keys by client name ({@code leadpact.reporting.api-keys.<name>.key}); a request shows one as
     * {@code Authorization: Bearer <key>} or, for a CSV URL in a BI tool, {@code ?token=<key>}.
     */
    Map<String, ApiKey> apiKeys();

    interface Attribution {
        /** Time-decay half-life. */
        @WithDefault("P7D")
        Duration halfLife();
    }

    interface Speed {
        /** First-contact deadline for SQLs (the policy's default: one hour). */
        @WithDefault("PT1H")
        Duration sqlDeadline();

        /** First-contact deadline for MQLs. */
        @WithDefault("P1D")
        Duration mqlDeadline();
    }

    interface Export {
        @WithDefault("500")
        int defaultPageSize();

        @WithDefault("5000")
        int maxPageSize();
    }

    interface Marketing {
        /** Qualified leads marketing delivers per sales rep and month. */
        @WithDefault("150")
        int qualifiedLeadsPerRepPerMonth();

        /**
         * The stage from which a lead counts as delivered: the handoff stage, as the SLA monitor counts
         * it ({@code leadpact.sla.commitment.qualifying-stage}).
         */
        @WithDefault("SQL")
        Stage qualifyingStage();

        /** A lead that sales disqualifies within this time of its qualification is not delivered. */
        @WithDefault("P14D")
        Duration disqualificationWindow();

        /**
         * Reps per team ({@code leadpact.reporting.marketing.team-reps.emea=4}); the team is the owner's.
         * A team has at least these, and every owner assigned a lead of it within the roster window.
         */
        Map<String, Integer> teamReps();

        /** An owner counts as a rep of a team while assigned its leads within this time before a report's end. */
        @WithDefault("P30D")
        Duration rosterWindow();

        /** Reps per segment ({@code leadpact.reporting.marketing.segment-reps.MID=2}). */
        Map<String, Integer> segmentReps();
    }

    interface Feedback {
        /** Time after a lead first reached SQL by which sales reports an outcome. */
        @WithDefault("P30D")
        Duration deadline();
    }

    interface ApiKey {
        /** The secret; an entry without one (an unset environment variable) lets nobody in. */
        Optional<String> key();

        @WithDefault("reader")
        List<String> roles();
    }
}
