package dev.leadpact.reporting.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadErased;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.Topics;
import dev.leadpact.ingest.BatchIngest;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The topics this service reads, consumed in batches: the valid events of each poll are stored, with
 * the read models of their leads, in one transaction ({@link Ingest}), and the batch is acknowledged
 * (its offsets committed) after that transaction committed. The lead facts come through one channel
 * ({@code facts}), marketing's checkpoint counts through another ({@code commitments}).
 *
 * <p>Values arrive as text and are parsed here. A record that is not valid JSON or misses what a fact
 * needs goes to {@code <topic>.dlq} with the reason in the {@code dead-letter-reason} header, and the
 * rest of the batch carries on. While the database is away the batch waits and is retried ({@link
 * BatchIngest}); only an event that fails for a reason of its own is dead-lettered.
 */
@ApplicationScoped
public class IngestConsumers {
    private final ObjectMapper json;
    private final Ingest ingest;
    private final BatchIngest batches;
    private final MeterRegistry metrics;

    /** An event and the topic it came from, for the counter of stored and duplicate events. */
    private record Received<T>(String topic, T event) {}

    IngestConsumers(ObjectMapper json, Ingest ingest, BatchIngest batches, MeterRegistry metrics) {
        this.json = json;
        this.ingest = ingest;
        this.batches = batches;
        this.metrics = metrics;
    }

    /**
     * The four topics of lead facts, and the erasures, in one consumer: they are keyed by lead id and have the same
     * partition count, so the range assignor gives one consumer the same partitions of each, and all
     * the events of a lead are stored by one thread. Four consumers would lock the same leads'
     * read-model rows from four transactions and wait for each other.
     */
    @Incoming("facts")
    @Blocking
    public CompletionStage<Void> onFacts(KafkaRecordBatch<String, String> batch) {
        batches.process(
                "facts",
                batch,
                record -> new Received<>(record.getTopic(), fact(record)),
                received -> count(received, ingest.store(events(received))));
        return batch.ack();
    }

    @Incoming("commitments")
    @Blocking
    public CompletionStage<Void> onCommitments(KafkaRecordBatch<String, String> batch) {
        batches.process(
                "commitments",
                batch,
                record -> new Received<>(
                        record.getTopic(),
                        parse(
                                record,
                                CommitmentCheckpoint.class,
                                c -> c.scope() != null
                                        && c.dueAt() != null
                                        && c.monthStart() != null
                                        && c.countedAt() != null
                                        && c.verdict() != null)),
                received -> count(received, ingest.storeCheckpoints(events(received))));
        return batch.ack();
    }

    /** A record of one of the fact topics, as the event its topic carries. */
    private Object fact(KafkaRecord<String, String> record) {
        return switch (record.getTopic()) {
            case Topics.CONVERSIONS -> parse(record, ConversionEvent.class, e -> e.occurredAt() != null);
            case Topics.SALES_ACTIVITIES -> parse(record, SalesActivity.class, e -> e.occurredAt() != null);
            case Topics.DEALS_CLOSED ->
                parse(record, DealClosed.class, e -> e.dealId() != null && e.outcome() != null && e.closedAt() != null);
            case Topics.SLA_BREACHES ->
                parse(
                        record,
                        SlaEvent.class,
                        e -> e.breachId() != null && e.kind() != null && e.rule() != null && e.detectedAt() != null);
            case Topics.LEAD_ERASURES ->
                parse(
                        record,
                        LeadErased.class,
                        e -> e.leadId() != null && !e.leadId().isBlank() && e.occurredAt() != null);
            default -> throw new UnusableEventException("not a topic of facts: " + record.getTopic());
        };
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
        return event instanceof CommitmentCheckpoint count ? count.eventId() : Ingest.eventIdOf(event);
    }

    private static <T> List<T> events(List<Received<T>> received) {
        return received.stream().map(Received::event).toList();
    }

    private <T> void count(List<Received<T>> received, Set<String> stored) {
        for (Received<T> r : received) {
            boolean isNew = stored.remove(eventId(r.event()));
            metrics.counter("leadpact.reporting.events", "topic", r.topic(), "result", isNew ? "stored" : "duplicate")
                    .increment();
        }
    }

    private static String header(KafkaRecord<String, String> record, String name) {
        Header header = record.getHeaders().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
