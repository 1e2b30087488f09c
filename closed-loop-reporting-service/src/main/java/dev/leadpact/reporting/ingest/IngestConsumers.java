package dev.leadpact.reporting.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.Topics;
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
 * (its offsets committed) after that transaction committed. The lead facts come through one channel
 * ({@code facts}), marketing's checkpoint counts through another ({@code commitments}).
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

    /**
     * The four topics of lead facts in one consumer: they are keyed by lead id and have the same
     * partition count, so the range assignor gives one consumer the same partitions of each, and all
     * the events of a lead are stored by one thread. Four consumers would lock the same leads'
     * read-model rows from four transactions and wait for each other.
     */
    @Incoming("facts")
    @Blocking
    public CompletionStage<Void> onFacts(KafkaRecordBatch<String, String> batch) {
        handle(batch, this::fact, ingest::store);
        return batch.ack();
    }

    @Incoming("commitments")
    @Blocking
    public CompletionStage<Void> onCommitments(KafkaRecordBatch<String, String> batch) {
        handle(
                batch,
                record -> parse(
                        record,
                        CommitmentCheckpoint.class,
                        c -> c.scope() != null
                                && c.dueAt() != null
                                && c.monthStart() != null
                                && c.countedAt() != null
                                && c.verdict() != null),
                ingest::storeCheckpoints);
        return batch.ack();
    }

    /** A record of one of the fact topics, as the event its topic carries. */
    private LeadEvent fact(KafkaRecord<String, String> record) {
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
            default -> throw new UnusableEventException("not a topic of facts: " + record.getTopic());
        };
    }

    private <T> void handle(
            KafkaRecordBatch<String, String> batch,
            Function<KafkaRecord<String, String>, T> parse,
            Function<List<T>, Set<String>> store) {
        List<T> events = new ArrayList<>();
        List<KafkaRecord<String, String>> origins = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                events.add(parse.apply(record));
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
