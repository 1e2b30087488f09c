package dev.leadpact.monitor.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadErased;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.ingest.BatchIngest;
import dev.leadpact.monitor.erasure.LeadErasures;
import dev.leadpact.monitor.rules.SlaEngine;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The three lead topics and the erasures, consumed in batches: each poll's valid events are applied in one
 * transaction ({@link SlaTracker#applyAll}), and the batch is acknowledged (its offsets committed)
 * after that transaction committed.
 *
 * <p>Values arrive as strings and are parsed here. Malformed JSON, or an event missing what the
 * rules need, goes to {@code <topic>.dlq} with the reason in {@code dead-letter-reason}, and the rest
 * of the batch carries on. While the database is away the batch waits and is retried ({@link
 * BatchIngest}); only an event that fails for a reason of its own is dead-lettered.
 */
@ApplicationScoped
public class LeadEventConsumer {
    private final SlaTracker tracker;
    private final LeadErasures erasures;
    private final BatchIngest ingest;
    private final ObjectMapper json;

    LeadEventConsumer(SlaTracker tracker, LeadErasures erasures, BatchIngest ingest, ObjectMapper json) {
        this.tracker = tracker;
        this.erasures = erasures;
        this.ingest = ingest;
        this.json = json;
    }

    @Incoming("conversions")
    @Blocking
    public CompletionStage<Void> onConversions(KafkaRecordBatch<String, String> batch) {
        return handle("conversions", batch, ConversionEvent.class);
    }

    @Incoming("activities")
    @Blocking
    public CompletionStage<Void> onActivities(KafkaRecordBatch<String, String> batch) {
        return handle("activities", batch, SalesActivity.class);
    }

    @Incoming("deals")
    @Blocking
    public CompletionStage<Void> onDeals(KafkaRecordBatch<String, String> batch) {
        return handle("deals", batch, DealClosed.class);
    }

    @Incoming("erasures")
    @Blocking
    public CompletionStage<Void> onErasures(KafkaRecordBatch<String, String> batch) {
        ingest.process(
                "erasures",
                batch,
                record -> {
                    LeadErased erasure = parse(record.getPayload(), LeadErased.class);
                    if (erasure.eventId() == null || erasure.leadId() == null || erasure.occurredAt() == null) {
                        throw new IllegalArgumentException("an erasure needs eventId, leadId and occurredAt");
                    }
                    return erasure;
                },
                erasures::eraseAll);
        return batch.ack();
    }

    private CompletionStage<Void> handle(
            String channel, KafkaRecordBatch<String, String> batch, Class<? extends LeadEvent> type) {
        ingest.process(
                channel,
                batch,
                record -> {
                    LeadEvent event = parse(record.getPayload(), type);
                    SlaEngine.validate(event);
                    return event;
                },
                tracker::applyAll);
        return batch.ack();
    }

    private <T> T parse(String value, Class<T> type) {
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
}
