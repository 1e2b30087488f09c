package dev.leadpact.monitor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the timer scanner and the outbox relay run. */
@ConfigMapping(prefix = "leadpact.monitor")
public interface MonitorSettings {

    /** The {@code ce_source} of every event this service publishes. */
    @WithDefault("/leadpact/sla-monitor")
    String source();

    Scanner scanner();

    Relay relay();

    Dedup dedup();

    WhatIf whatIf();

    /** What-if simulations ({@code POST /sla/simulations}). */
    interface WhatIf {
        /** Simulations that run at once; more wait in a queue. */
        @WithDefault("2")
        int concurrency();

        /** Simulations that may wait; one more is refused with 429. */
        @WithDefault("8")
        int queue();

        /** Leads read and judged per batch (one short read, one write of progress). */
        @WithDefault("500")
        int batchSize();

        /** The longest period one simulation may cover. */
        @WithDefault("P400D")
        Duration maxPeriod();
    }

    /**
     * Fault injection for the fault suite, off unless set: {@code leadpact.monitor.fault-halt-at}
     * names a step of the timer cycle at which this process halts the first time it gets there, as
     * if killed with SIGKILL. Never set it in production.
     */
    Optional<FaultPoint> faultHaltAt();

    /**
     * The keys that may read the ops API ({@code /sla/*}), by client name: {@code
     * leadpact.monitor.api-keys.<client>.key}, and {@code .roles} (default {@code reader}), sent as
     * {@code Authorization: Bearer <key>} or {@code ?token=<key>}.
     */
    Map<String, ApiKey> apiKeys();

    interface ApiKey extends dev.leadpact.apikeys.ApiKey {
        @Override
        @WithDefault("reader")
        List<String> roles();
    }

    interface Scanner {
        /** Timers claimed per transaction. */
        @WithDefault("500")
        int batchSize();

        /** Longest wait between two looks for due timers when none is due. */
        @WithDefault("PT0.05S")
        Duration idlePoll();

        @WithDefault("true")
        boolean enabled();

        /** How often the gauges {@code sla.timers.open} and {@code sla.outbox.unpublished} are counted. */
        @WithDefault("PT30S")
        Duration gaugeRefresh();
    }

    /** How long {@code processed_event} keeps an event id ({@code ProcessedEventRetention}). */
    interface Dedup {
        @WithDefault("P7D")
        Duration retention();

        /** How often expired ids are looked for. */
        @WithDefault("PT10M")
        Duration purgeInterval();
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
