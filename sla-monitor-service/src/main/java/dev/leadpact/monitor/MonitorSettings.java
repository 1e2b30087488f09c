package dev.leadpact.monitor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the timer scanner and the outbox relay run. */
@ConfigMapping(prefix = "leadpact.monitor")
public interface MonitorSettings {

    /** The {@code ce_source} of every event this service publishes. */
    @WithDefault("/leadpact/sla-monitor")
    String source();

    Scanner scanner();

    Relay relay();

    interface Scanner {
        /** Timers claimed per transaction. */
        @WithDefault("500")
        int batchSize();

        /** Longest wait between two looks for due timers when none is due. */
        @WithDefault("PT0.05S")
        Duration idlePoll();

        @WithDefault("true")
        boolean enabled();
    }

    interface Relay {
        @WithDefault("500")
        int batchSize();

        @WithDefault("PT0.05S")
        Duration idlePoll();

        @WithDefault("true")
        boolean enabled();
    }
}
