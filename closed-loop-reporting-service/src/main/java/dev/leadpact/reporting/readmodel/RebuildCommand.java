package dev.leadpact.reporting.readmodel;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * {@code java -jar quarkus-run.jar rebuild-read-models}: recomputes the read models from the stored
 * facts and exits, 0 when done, 1 when it failed. It runs beside the service (see {@link
 * dev.leadpact.reporting.ReportingMain}: no HTTP listener, no consumers of its own), so no instance
 * needs to stop; progress goes to the log every few seconds.
 */
public class RebuildCommand implements QuarkusApplication {
    private static final Logger LOG = Logger.getLogger(RebuildCommand.class);
    private static final Duration EVERY = Duration.ofSeconds(5);

    @Inject
    ReadModelRebuild rebuild;

    @Override
    public int run(String... args) {
        long[] lastLog = {System.nanoTime()};
        try {
            rebuild.run(progress -> {
                if (System.nanoTime() - lastLog[0] >= EVERY.toNanos()) {
                    LOG.info(progress);
                    lastLog[0] = System.nanoTime();
                }
            });
            return 0;
        } catch (RuntimeException e) {
            LOG.errorf("rebuilding the read models failed: %s", e.getMessage());
            return 1;
        }
    }
}
