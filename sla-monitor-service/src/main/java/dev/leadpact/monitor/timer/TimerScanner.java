package dev.leadpact.monitor.timer;

import dev.leadpact.monitor.BackgroundLoop;
import dev.leadpact.monitor.MonitorSettings;
import dev.leadpact.monitor.StartupCatchUp;
import dev.leadpact.monitor.commitment.CommitmentTracker;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Fires due timers: a loop on its own thread that claims due lead timers and commitment checkpoints
 * in batches (see {@link SlaTracker#fireDue}, {@link CommitmentTracker#fireDue}) as long as full
 * batches come back, and otherwise sleeps until the next timer is due, at most the idle poll (a
 * {@link BackgroundLoop}). On start-up the first passes fire everything that fell due while the
 * service was down; the first pass that finds less than a full batch tells {@link StartupCatchUp},
 * and only then do the gauges start counting.
 */
@ApplicationScoped
public class TimerScanner {
    private static final Logger LOG = Logger.getLogger(TimerScanner.class);
    /** How often new commitment scopes are scheduled. */
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final SlaTracker tracker;
    private final CommitmentTracker commitments;
    private final MonitorSettings settings;
    private final Clock clock;
    private final StartupCatchUp catchUp;
    private final AtomicLong openTimers = new AtomicLong();
    private final AtomicLong unpublished = new AtomicLong();
    private final BackgroundLoop loop;
    private volatile ScheduledExecutorService gauge;
    /** When the loop next schedules commitment scopes; each start does so at once. */
    private volatile Instant nextRefresh = Instant.MIN;

    TimerScanner(
            SlaTracker tracker,
            CommitmentTracker commitments,
            MonitorSettings settings,
            Clock clock,
            StartupCatchUp catchUp,
            MeterRegistry registry) {
        this.tracker = tracker;
        this.commitments = commitments;
        this.settings = settings;
        this.clock = clock;
        this.catchUp = catchUp;
        Gauge.builder("sla.timers.open", openTimers, AtomicLong::get)
                .description("Leads with a pending SLA timer (refreshed every few seconds)")
                .register(registry);
        Gauge.builder("sla.outbox.unpublished", unpublished, AtomicLong::get)
                .description("Events in the outboxes not yet on Kafka (refreshed every few seconds)")
                .register(registry);
        this.loop = new BackgroundLoop(
                "sla-timer-scanner",
                "Firing due timers failed",
                this::scan,
                settings.scanner().idlePoll().multipliedBy(10));
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.scanner().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the loop (idempotent). */
    public synchronized void start() {
        if (loop.running()) {
            return;
        }
        nextRefresh = Instant.MIN;
        loop.start();
        catchUp.afterwards(this::startGauges);
    }

    /** Counting a million open timers can take seconds: not on the thread that fires them. */
    private synchronized void startGauges() {
        if (!loop.running() || gauge != null) {
            return;
        }
        gauge = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sla-open-timers-gauge");
            t.setDaemon(true);
            return t;
        });
        // a count over every open timer: with 1,000,000 of them it takes a third of a second of the
        // database (pg_stat_statements in the benchmark), so not every few seconds
        long every = settings.scanner().gaugeRefresh().toMillis();
        gauge.scheduleWithFixedDelay(this::countOpenTimers, 0, every, TimeUnit.MILLISECONDS);
    }

    private void countOpenTimers() {
        try {
            openTimers.set(tracker.openTimers());
            unpublished.set(tracker.unpublishedEvents());
        } catch (RuntimeException e) {
            LOG.debugf(e, "Counting open timers failed; the gauges keep their last values");
        }
    }

    /** Stops the loop and waits for the batch in flight to commit or roll back. */
    public synchronized void stop() {
        ScheduledExecutorService g = gauge;
        if (g != null) {
            g.shutdownNow();
        }
        gauge = null;
        loop.stop();
    }

    /**
     * One round: schedules new commitment scopes every few seconds, fires a batch of each kind of
     * timer, and goes on at once while a batch comes back full; otherwise pauses until the next
     * timer is due, at most the idle poll.
     */
    private Duration scan() {
        int batch = settings.scanner().batchSize();
        Duration idle = settings.scanner().idlePoll();
        if (clock.instant().isAfter(nextRefresh)) {
            commitments.schedule();
            nextRefresh = clock.instant().plus(REFRESH);
        }
        int fired = tracker.fireDue(batch);
        if (commitments.fireDue(batch) >= batch || fired >= batch) {
            return Duration.ZERO;
        }
        catchUp.caughtUp();
        return Stream.of(tracker.nextDue(), commitments.nextDue())
                .flatMap(Optional::stream)
                .min(Comparator.naturalOrder())
                .map(due -> Duration.between(clock.instant(), due))
                .map(wait -> wait.isNegative() ? Duration.ZERO : wait.compareTo(idle) > 0 ? idle : wait)
                .orElse(idle);
    }
}
