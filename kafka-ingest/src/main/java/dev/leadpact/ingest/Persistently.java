package dev.leadpact.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs a consumer's work (storing a batch, writing a dead letter) until it succeeds or fails for
 * good. A transient failure ({@link Transience}: the database or broker away) is retried with
 * exponential backoff, without limit, while {@link #waiting()} says so (the readiness check reports
 * it); the caller's thread waits, so its records stay unacknowledged and the Kafka connector pauses
 * the partitions once its queue is full. A permanent failure is thrown at once as {@link
 * PermanentFailure}, and the caller dead-letters what it was given.
 *
 * <p>SmallRye Fault Tolerance's programmatic {@link Guard}, one per kind of work so that the log and
 * the readiness check name what waits. When the service stops, retrying stops: the failure is thrown
 * as it is, the records stay unacknowledged, and the next start processes them.
 */
@ApplicationScoped
public class Persistently {
    private static final Logger LOG = Logger.getLogger(Persistently.class);

    /** Work that is retrying: since when, how many retries, the last failure. */
    public record Waiting(Instant since, long retries, String lastFailure) {}

    private final Duration firstDelay;
    private final Duration maxDelay;
    private final Map<String, Guard> guards = new ConcurrentHashMap<>();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    Persistently(
            @ConfigProperty(name = "leadpact.ingest.retry.first-delay", defaultValue = "PT0.2S") Duration firstDelay,
            @ConfigProperty(name = "leadpact.ingest.retry.max-delay", defaultValue = "PT10S") Duration maxDelay) {
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("leadpact.ingest.retry: first-delay must be positive and at most"
                    + " max-delay, got " + firstDelay + " and " + maxDelay);
        }
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    /**
     * @param what the kind of work, for the log and the readiness check (e.g. "storing
     *     leads.conversions.v1"); a fixed name, not one per record
     * @throws PermanentFailure when the work failed for a reason a retry cannot cure
     */
    public <T> T call(String what, Callable<T> work) {
        Guard guard = guards.computeIfAbsent(what, this::guard);
        try {
            return guard.call(work, anyType());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " was interrupted while waiting to be retried", e);
        } catch (Exception e) {
            if (!Transience.isTransient(e)) {
                throw new PermanentFailure(e);
            }
            // transient, and the service is stopping: the records stay unacknowledged
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        } finally {
            Waiting was = waiting.remove(what);
            if (was != null) {
                LOG.infof("%s works again after %d retries since %s", what, was.retries(), was.since());
            }
        }
    }

    /** The work that is waiting for a dependency now, by name. */
    public Map<String, Waiting> waiting() {
        return Map.copyOf(waiting);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private Guard guard(String what) {
        return Guard.create()
                .withDescription(what)
                .withRetry()
                .maxRetries(-1)
                .maxDuration(0, ChronoUnit.MILLIS)
                .delay(firstDelay.toMillis(), ChronoUnit.MILLIS)
                .jitter(firstDelay.toMillis() / 2, ChronoUnit.MILLIS)
                .whenException(failure -> !stopping && Transience.isTransient(failure))
                .beforeRetry(failure -> {
                    Waiting was = waiting.get(what);
                    Waiting now = new Waiting(
                            was == null ? Instant.now() : was.since(),
                            was == null ? 1 : was.retries() + 1,
                            Transience.rootMessage(failure));
                    waiting.put(what, now);
                    LOG.warnf(
                            "%s failed (%s); retry %d, waiting for the dependency since %s",
                            what, now.lastFailure(), now.retries(), now.since());
                })
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(maxDelay.toMillis(), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }

    @SuppressWarnings("unchecked")
    private static <T> Class<T> anyType() {
        return (Class<T>) Object.class;
    }
}
