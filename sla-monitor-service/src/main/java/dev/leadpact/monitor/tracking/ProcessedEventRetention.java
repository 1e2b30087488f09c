package dev.leadpact.monitor.tracking;

import dev.leadpact.monitor.BackgroundLoop;
import dev.leadpact.monitor.MonitorSettings;
import dev.leadpact.monitor.StartupCatchUp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Keeps {@code processed_event} bounded: ids older than {@code leadpact.monitor.dedup.retention}
 * (default 7 days) are deleted, 10,000 per transaction, every {@code purge-interval}. The table only
 * spares the work of a redelivered event; what makes a redelivery harmless at any age is the lead's
 * state, which holds the id of every fact it was built from ({@link
 * dev.leadpact.monitor.rules.SlaEngine#apply} ignores an id it knows), the outbox's unique event id,
 * and the erasure record. Redeliveries come from offsets not yet committed (seconds), a rebalance, or
 * an operator's offset reset; seven days covers the first two many times over. The first purge after
 * a start waits until the timers that fell due while the service was down are fired ({@link
 * StartupCatchUp}).
 */
@ApplicationScoped
public class ProcessedEventRetention {
    private static final int BATCH = 10_000;

    private final EntityManager em;
    private final MonitorSettings settings;
    private final Clock clock;
    private final Counter purged;
    private final BackgroundLoop loop;
    private final StartupCatchUp catchUp;
    private boolean stopped;

    ProcessedEventRetention(
            EntityManager em, MonitorSettings settings, Clock clock, StartupCatchUp catchUp, MeterRegistry registry) {
        this.em = em;
        this.catchUp = catchUp;
        this.settings = settings;
        this.clock = clock;
        this.purged = Counter.builder("sla.processed.events.purged")
                .description("Event ids deleted from processed_event after the dedup retention")
                .register(registry);
        this.loop = new BackgroundLoop(
                "processed-event-retention",
                "Purging processed_event failed",
                this::purge,
                settings.dedup().purgeInterval());
    }

    void onStart(@Observes StartupEvent event) {
        catchUp.afterwards(this::start);
    }

    private synchronized void start() {
        if (!stopped) {
            loop.start();
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        loop.stop();
    }

    /** One batch; goes on at once while batches come back full. */
    private Duration purge() {
        OffsetDateTime before =
                OffsetDateTime.ofInstant(clock.instant().minus(settings.dedup().retention()), ZoneOffset.UTC);
        int deleted = QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("DELETE FROM processed_event WHERE event_id IN (SELECT event_id FROM"
                                + " processed_event WHERE processed_at < ?1 LIMIT ?2 FOR UPDATE SKIP LOCKED)")
                        .setParameter(1, before)
                        .setParameter(2, BATCH)
                        .executeUpdate());
        purged.increment(deleted);
        return deleted == BATCH ? Duration.ZERO : settings.dedup().purgeInterval();
    }
}
