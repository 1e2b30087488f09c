package dev.leadpact.reporting;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
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

    /**
     * The longest a report's statement may run; past it the request is answered 503 with Retry-After
     * instead of holding a connection and a thread.
     */
    @WithDefault("PT30S")
    Duration queryTimeout();

    /**
     * The most rows one report answer may have (groups times periods); a request for more is
     * answered 422. Exports page instead.
     */
    @WithDefault("10000")
    int maxRows();

    /** Sales' closed-loop feedback commitment, for the SLA evaluation. */
    Feedback feedback();

    /**
     * API keys by client name ({@code leadpact.reporting.api-keys.<name>.key}); a request shows one as
     * {@code Authorization: Bearer <key>} or, for a CSV URL in a BI tool, {@code ?token=<key>}.
     */
    Map<String, ApiKey> apiKeys();

    /** The SLA monitor that runs the dashboard's what-if simulations. */
    Monitor monitor();

    interface Attribution {
        /** Time-decay half-life. Read models hold the credits: after a change, rebuild them. */
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

    interface Feedback {
        /**
         * Time after a lead first reached SQL by which sales reports an outcome. Read models hold the
         * verdict: after a change, rebuild them.
         */
        @WithDefault("P30D")
        Duration deadline();
    }

    interface Monitor {
        /** Where sla-monitor-service's API listens. */
        @WithDefault("http://localhost:8082")
        URI url();

        /**
         * A key of the monitor's ops API with the reader role, sent as {@code Authorization: Bearer};
         * it stays in this service, the browser never sees it. Without one the monitor refuses.
         */
        Optional<String> apiKey();
    }

    interface ApiKey extends dev.leadpact.apikeys.ApiKey {
        @Override
        @WithDefault("reader")
        List<String> roles();
    }
}
