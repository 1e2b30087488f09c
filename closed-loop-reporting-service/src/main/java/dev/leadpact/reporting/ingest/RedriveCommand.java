package dev.leadpact.reporting.ingest;

import dev.leadpact.ingest.Redrive;
import io.quarkus.runtime.QuarkusApplication;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * {@code java -jar quarkus-run.jar redrive-dead-letters <topic>.dlq}: writes the records of a
 * dead-letter topic that no earlier run re-drove back onto {@code <topic>} ({@link Redrive}), with
 * the service's Kafka settings (TLS, SASL), and exits: 0 when done, 2 for a wrong argument, 1 when it
 * failed. It runs beside the services (no HTTP listener, no consumers of its own); every consumer
 * processes the re-driven records again and drops what it had already stored by its event id.
 */
public class RedriveCommand implements QuarkusApplication {
    private static final Logger LOG = Logger.getLogger(RedriveCommand.class);

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Override
    public int run(String... args) {
        if (args.length != 2) {
            LOG.error("usage: redrive-dead-letters <topic>.dlq (e.g. leads.conversions.v1.dlq)");
            return 2;
        }
        try {
            Redrive.Result result = Redrive.run(kafka, args[1], LOG::info);
            LOG.infof("done: %d records of %s re-driven onto %s", result.redriven(), result.from(), result.to());
            return 0;
        } catch (IllegalArgumentException e) {
            LOG.errorf("cannot re-drive: %s", e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            LOG.errorf("re-driving %s failed: %s", args[1], e.getMessage());
            return 1;
        }
    }
}
