package dev.leadpact.monitor.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The three incoming topics. Values arrive as strings and are parsed here, so malformed JSON is a
 * processing failure: the record goes to {@code <topic>.dlq} with the reason in the
 * {@code dead-letter-reason} header, and the consumer moves on. Transient failures (the database)
 * are retried a few times first.
 *
 * <p>Records are processed concurrently ({@code ordered = false}): the rules judge in event time and
 * the lead's row lock serialises one lead's changes, so arrival order within a topic does not
 * matter, and offsets are still committed only up to the last record processed without a gap.
 */
@ApplicationScoped
public class LeadEventConsumer {
    private static final Logger LOG = Logger.getLogger(LeadEventConsumer.class);
    private static final int ATTEMPTS = 3;
    private static final long BACKOFF_MILLIS = 200;

    private final SlaTracker tracker;
    private final ObjectMapper json;

    LeadEventConsumer(SlaTracker tracker, ObjectMapper json) {
        this.tracker = tracker;
        this.json = json;
    }

    @Incoming("conversions")
    @Blocking(ordered = false)
    public void onConversion(String value) {
        apply(parse(value, ConversionEvent.class));
    }

    @Incoming("activities")
    @Blocking(ordered = false)
    public void onActivity(String value) {
        apply(parse(value, SalesActivity.class));
    }

    @Incoming("deals")
    @Blocking(ordered = false)
    public void onDeal(String value) {
        apply(parse(value, DealClosed.class));
    }

    private <T extends LeadEvent> T parse(String value, Class<T> type) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty record value");
        }
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a valid " + type.getSimpleName() + " JSON: " + e.getOriginalMessage());
        }
    }

    private void apply(LeadEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                tracker.apply(event);
                return;
            } catch (IllegalArgumentException poison) {
                throw poison;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.warnf(
                        "Applying event %s failed (attempt %d), retrying: %s", event.eventId(), attempt, e.toString());
                try {
                    Thread.sleep(BACKOFF_MILLIS * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
