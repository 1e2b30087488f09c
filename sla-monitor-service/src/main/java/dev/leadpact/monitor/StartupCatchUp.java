package dev.leadpact.monitor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Whether the timers that fell due while the service was down have been fired. The timer scanner
 * says so after its first pass that found less than a full batch due. Background work that would
 * compete with that pass for the two cores and the database (the dedup purge, the open-timer
 * gauge's {@code count(*)} over a million rows) starts only then, or after a minute at most, so
 * that a monitor that never catches up still purges. Without a scanner there is nothing to wait for.
 */
@ApplicationScoped
public class StartupCatchUp {
    static final Duration MAX_WAIT = Duration.ofMinutes(1);

    private final CompletableFuture<Void> done = new CompletableFuture<>();

    @Inject
    StartupCatchUp(MonitorSettings settings) {
        this(settings.scanner().enabled(), MAX_WAIT);
    }

    StartupCatchUp(boolean scannerRuns, Duration maxWait) {
        if (!scannerRuns) {
            done.complete(null);
        }
        done.completeOnTimeout(null, maxWait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The scanner found nothing more overdue than it fired; cheap to call again. */
    public void caughtUp() {
        done.complete(null);
    }

    /** Runs {@code action} once caught up (at once if already), on the thread that says so. */
    public void afterwards(Runnable action) {
        done.thenRun(action);
    }
}
