package dev.leadpact.reporting.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.reporting.facts.FactStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The four topics this service reads. Values arrive as text and are parsed here, so a record that is
 * not valid JSON or misses what a fact needs fails this method: the channel's dead-letter-queue
 * strategy then sends it to {@code <topic>.dlq} with the reason in the {@code dead-letter-reason}
 * header, and the consumer moves on.
 */
@ApplicationScoped
public class IngestConsumers {

    private static final Logger LOG = Logger.getLogger(IngestConsumers.class);

    private final ObjectMapper json;
    private final FactStore store;
    private final MeterRegistry metrics;

    IngestConsumers(ObjectMapper json, FactStore store, MeterRegistry metrics) {
        this.json = json;
        this.store = store;
        this.metrics = metrics;
    }

    @Incoming("conversions")
    @Blocking
    public void onConversion(ConsumerRecord<String, String> record) {
        ConversionEvent event = parse(record, ConversionEvent.class, e -> e.occurredAt() != null);
        count(record, Retries.run(() -> store.store(event)));
    }

    @Incoming("activities")
    @Blocking
    public void onActivity(ConsumerRecord<String, String> record) {
        SalesActivity event = parse(record, SalesActivity.class, e -> e.occurredAt() != null);
        count(record, Retries.run(() -> store.store(event)));
    }

    @Incoming("deals")
    @Blocking
    public void onDeal(ConsumerRecord<String, String> record) {
        DealClosed event =
                parse(record, DealClosed.class, e -> e.dealId() != null && e.outcome() != null && e.closedAt() != null);
        count(record, Retries.run(() -> store.store(event)));
    }

    @Incoming("sla-events")
    @Blocking
    public void onSlaEvent(ConsumerRecord<String, String> record) {
        SlaEvent event = parse(
                record,
                SlaEvent.class,
                e -> e.breachId() != null && e.kind() != null && e.rule() != null && e.detectedAt() != null);
        count(record, Retries.run(() -> store.store(event)));
    }

    private <T extends LeadEvent> T parse(ConsumerRecord<String, String> record, Class<T> type, Predicate<T> complete) {
        if (record.value() == null) {
            throw new UnusableEventException("empty record value");
        }
        T event;
        try {
            event = json.readValue(record.value(), type);
        } catch (JsonProcessingException e) {
            // the parser's own message quotes the payload; the offset is enough to find it
            throw new UnusableEventException("not a valid " + type.getSimpleName() + " JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (event == null) {
            throw new UnusableEventException("empty record value");
        }
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw new UnusableEventException(
                    "no eventId (header ce_id: " + header(record, "ce_id") + ") in " + type.getSimpleName());
        }
        if (event.leadId() == null || event.leadId().isBlank() || !complete.test(event)) {
            throw new UnusableEventException(type.getSimpleName() + " " + event.eventId() + " misses a required field");
        }
        return event;
    }

    private void count(ConsumerRecord<String, String> record, boolean stored) {
        if (!stored) {
            LOG.debugf("skipped duplicate at %s-%d@%d", record.topic(), record.partition(), record.offset());
        }
        metrics.counter("leadpact.reporting.events", "topic", record.topic(), "result", stored ? "stored" : "duplicate")
                .increment();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
