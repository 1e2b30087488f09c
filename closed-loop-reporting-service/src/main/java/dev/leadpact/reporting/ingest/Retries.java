package dev.leadpact.reporting.ingest;

import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * A few quick retries for transient database trouble (a failover, a dropped connection) before the
 * record goes to the dead-letter topic. The store is idempotent, so a retry never applies twice.
 */
final class Retries {
    private static final Logger LOG = Logger.getLogger(Retries.class);
    private static final long[] BACKOFF_MILLIS = {200, 1000, 3000};

    private Retries() {}

    static boolean run(BooleanSupplier work) {
        for (int attempt = 0; ; attempt++) {
            try {
                return work.getAsBoolean();
            } catch (RuntimeException e) {
                if (attempt >= BACKOFF_MILLIS.length) {
                    throw e;
                }
                LOG.warnf("storing an event failed (%s), retry %d", e.getClass().getSimpleName(), attempt + 1);
                try {
                    Thread.sleep(BACKOFF_MILLIS[attempt]);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
