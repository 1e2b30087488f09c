package dev.leadpact.monitor.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.monitor.rules.SlaEngine;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The three incoming topics, consumed in batches: each poll's valid events are applied in one
 * transaction ({@link SlaTracker#applyAll}), and the batch is acknowledged (its offsets committed)
 * after that transaction committed.
 *
 * <p>Values arrive as strings and are parsed here. Malformed JSON, or an event missing what the
 * rules need, goes to {@code <topic>.dlq} with the reason in {@code dead-letter-reason}
 * ({@link DeadLetters}), and the rest of the batch carries on. When the batch's transaction fails
 * (the database), it is retried; then each event is applied on its own, and one that still fails
 * goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class LeadEventConsumer {
    private static final Logger LOG = Logger.getLogger(LeadEventConsumer.class);
    private static final int ATTEMPTS = 3;
    private static final long BACKOFF_MILLIS = 200;

    private final SlaTracker tracker;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;

    LeadEventConsumer(SlaTracker tracker, DeadLetters deadLetters, ObjectMapper json) {
        this.tracker = tracker;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    @Incoming("conversions")
    @Blocking
    public CompletionStage<Void> onConversions(KafkaRecordBatch<String, String> batch) {
        handle(batch, ConversionEvent.class);
        return batch.ack();
    }

    @Incoming("activities")
    @Blocking
    public CompletionStage<Void> onActivities(KafkaRecordBatch<String, String> batch) {
        handle(batch, SalesActivity.class);
        return batch.ack();
    }

    @Incoming("deals")
    @Blocking
    public CompletionStage<Void> onDeals(KafkaRecordBatch<String, String> batch) {
        handle(batch, DealClosed.class);
        return batch.ack();
    }

    private void handle(KafkaRecordBatch<String, String> batch, Class<? extends LeadEvent> type) {
        List<LeadEvent> events = new ArrayList<>();
        List<KafkaRecord<String, String>> origins = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                LeadEvent event = parse(record.getPayload(), type);
                SlaEngine.validate(event);
                events.add(event);
                origins.add(record);
            } catch (IllegalArgumentException poison) {
                deadLetters.send(record, poison.getMessage());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            retrying(() -> tracker.applyAll(events), "batch of " + events.size());
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < events.size(); i++) {
                LeadEvent event = events.get(i);
                try {
                    retrying(() -> tracker.applyAll(List.of(event)), "event " + event.eventId());
                } catch (RuntimeException e) {
                    deadLetters.send(origins.get(i), "processing failed: " + rootMessage(e));
                }
            }
        }
    }

    private LeadEvent parse(String value, Class<? extends LeadEvent> type) {
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

    private static void retrying(Supplier<?> work, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                work.get();
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.warnf("Applying %s failed (attempt %d), retrying: %s", what, attempt, rootMessage(e));
                try {
                    Thread.sleep(BACKOFF_MILLIS * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
