package dev.leadpact.reporting.ingest;

import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A few quick retries for transient database trouble (a failover, a dropped connection, two
 * consumers waiting on each other's leads) before the consumer falls back to one event at a time.
 * The store is idempotent, so a retry never applies twice.
 */
final class Retries {
    private static final Logger LOG = Logger.getLogger(Retries.class);
    private static final long[] BACKOFF_MILLIS = {200, 1000, 3000};

    private Retries() {}

    static <T> T run(Supplier<T> work) {
        for (int attempt = 0; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= BACKOFF_MILLIS.length) {
                    throw e;
                }
                LOG.warnf("storing events failed (%s), retry %d", rootMessage(e), attempt + 1);
                try {
                    Thread.sleep(BACKOFF_MILLIS[attempt]);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
