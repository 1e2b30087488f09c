package dev.leadpact.reporting.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.SlaEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The topics this service reads, consumed in batches: the valid events of each poll are stored, with
 * the read models of their leads, in one transaction ({@link Ingest}), and the batch is acknowledged
 * (its offsets committed) after that transaction committed.
 *
 * <p>Values arrive as text and are parsed here. A record that is not valid JSON or misses what a fact
 * needs goes to {@code <topic>.dlq} with the reason in the {@code dead-letter-reason} header
 * ({@link DeadLetters}), and the rest of the batch carries on. When the batch's transaction fails
 * (the database), it is retried; then each event is stored on its own, and one that still fails goes
 * to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class IngestConsumers {

    private final ObjectMapper json;
    private final Ingest ingest;
    private final DeadLetters deadLetters;
    private final MeterRegistry metrics;

    IngestConsumers(ObjectMapper json, Ingest ingest, DeadLetters deadLetters, MeterRegistry metrics) {
        this.json = json;
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @Incoming("conversions")
    @Blocking
    public CompletionStage<Void> onConversions(KafkaRecordBatch<String, String> batch) {
        handle(batch, ConversionEvent.class, e -> e.occurredAt() != null, ingest::store);
        return batch.ack();
    }

    @Incoming("activities")
    @Blocking
    public CompletionStage<Void> onActivities(KafkaRecordBatch<String, String> batch) {
        handle(batch, SalesActivity.class, e -> e.occurredAt() != null, ingest::store);
        return batch.ack();
    }

    @Incoming("deals")
    @Blocking
    public CompletionStage<Void> onDeals(KafkaRecordBatch<String, String> batch) {
        handle(
                batch,
                DealClosed.class,
                e -> e.dealId() != null && e.outcome() != null && e.closedAt() != null,
                ingest::store);
        return batch.ack();
    }

    @Incoming("sla-events")
    @Blocking
    public CompletionStage<Void> onSlaEvents(KafkaRecordBatch<String, String> batch) {
        handle(
                batch,
                SlaEvent.class,
                e -> e.breachId() != null && e.kind() != null && e.rule() != null && e.detectedAt() != null,
                ingest::store);
        return batch.ack();
    }

    @Incoming("commitments")
    @Blocking
    public CompletionStage<Void> onCommitments(KafkaRecordBatch<String, String> batch) {
        handle(
                batch,
                CommitmentCheckpoint.class,
                c -> c.scope() != null
                        && c.dueAt() != null
                        && c.monthStart() != null
                        && c.countedAt() != null
                        && c.verdict() != null,
                ingest::storeCheckpoints);
        return batch.ack();
    }

    private <T> void handle(
            KafkaRecordBatch<String, String> batch,
            Class<T> type,
            Predicate<T> complete,
            Function<List<T>, Set<String>> store) {
        List<T> events = new ArrayList<>();
        List<KafkaRecord<String, String>> origins = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                events.add(parse(record, type, complete));
                origins.add(record);
            } catch (UnusableEventException poison) {
                deadLetters.send(record, poison.getMessage());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        try {
            count(origins, events, Retries.run(() -> store.apply(events)));
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < events.size(); i++) {
                List<T> one = List.of(events.get(i));
                try {
                    count(List.of(origins.get(i)), one, Retries.run(() -> store.apply(one)));
                } catch (RuntimeException e) {
                    deadLetters.send(origins.get(i), "storing failed: " + Retries.rootMessage(e));
                }
            }
        }
    }

    private <T> T parse(KafkaRecord<String, String> record, Class<T> type, Predicate<T> complete) {
        if (record.getPayload() == null) {
            throw new UnusableEventException("empty record value");
        }
        T event;
        try {
            event = json.readValue(record.getPayload(), type);
        } catch (JsonProcessingException e) {
            // the parser's own message quotes the payload; the offset is enough to find it
            throw new UnusableEventException("not a valid " + type.getSimpleName() + " JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (event == null) {
            throw new UnusableEventException("empty record value");
        }
        String eventId = eventId(event);
        if (eventId == null || eventId.isBlank()) {
            throw new UnusableEventException(
                    "no eventId (header ce_id: " + header(record, "ce_id") + ") in " + type.getSimpleName());
        }
        boolean keyed = !(event instanceof LeadEvent lead)
                || (lead.leadId() != null && !lead.leadId().isBlank());
        if (!keyed || !complete.test(event)) {
            throw new UnusableEventException(type.getSimpleName() + " " + eventId + " misses a required field");
        }
        return event;
    }

    private static String eventId(Object event) {
        return event instanceof LeadEvent lead ? lead.eventId() : ((CommitmentCheckpoint) event).eventId();
    }

    private <T> void count(List<KafkaRecord<String, String>> records, List<T> events, Set<String> stored) {
        for (int i = 0; i < records.size(); i++) {
            boolean isNew = stored.remove(eventId(events.get(i)));
            metrics.counter(
                            "leadpact.reporting.events",
                            "topic",
                            records.get(i).getTopic(),
                            "result",
                            isNew ? "stored" : "duplicate")
                    .increment();
        }
    }

    private static String header(KafkaRecord<String, String> record, String name) {
        Header header = record.getHeaders().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
