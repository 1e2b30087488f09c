package dev.leadpact.monitor.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.Topics;
import dev.leadpact.ingest.KafkaClients;
import dev.leadpact.monitor.BackgroundLoop;
import dev.leadpact.monitor.FaultPoint;
import dev.leadpact.monitor.MonitorSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.jpa.HibernateHints;

/**
 * Publishes the outboxes: {@code sla_event} to {@link Topics#SLA_BREACHES} keyed by lead id (a
 * shortfall by its scope, {@link SlaEvent#key}), and
 * {@code commitment_event} to {@link Topics#MARKETING_COMMITMENTS} keyed by scope, each in outbox
 * order, with CloudEvents binary-mode headers. One transaction per batch: lock the relay (a
 * PostgreSQL advisory lock, so one instance relays at a time and per-key order holds), read
 * unpublished rows of both, send them with an idempotent acks=all producer, wait for every
 * acknowledgement, then mark them published. A crash after Kafka acknowledged but before the
 * commit sends the batch again with the same {@code ce_id}s: consumers drop those by event id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final long RELAY_LOCK = 0x51A_0B0FL;

    private final EntityManager em;
    private final ObjectMapper json;
    private final MonitorSettings settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, Object> kafka;
    private final BackgroundLoop loop;
    private volatile KafkaProducer<String, String> producer;

    OutboxRelay(
            EntityManager em,
            ObjectMapper json,
            MonitorSettings settings,
            Clock clock,
            MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.em = em;
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.registry = registry;
        this.kafka = kafka;
        this.loop = new BackgroundLoop(
                "sla-outbox-relay",
                "Relaying the outboxes failed",
                this::relay,
                settings.relay().idlePoll().multipliedBy(10));
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.relay().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (loop.running()) {
            return;
        }
        Map<String, Object> props = KafkaClients.connection(kafka);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "sla-monitor-outbox");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer = new KafkaProducer<>(props);
        loop.start();
    }

    /**
     * New rows are in an outbox (their transaction committed): relay them now rather than after
     * the idle poll. Other instances still find them within theirs.
     */
    public void wake() {
        loop.wake();
    }

    public synchronized void stop() {
        loop.stop();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** One batch; a batch that was not full means the outboxes are drained for now. */
    private Duration relay() {
        int batch = settings.relay().batchSize();
        int sent = QuarkusTransaction.requiringNew().call(() -> relayBatch(batch));
        return sent < batch ? settings.relay().idlePoll() : Duration.ZERO;
    }

    /**
     * One batch inside the caller's transaction: up to {@code limit} rows of each outbox. Returns
     * how many events were published.
     */
    int relayBatch(int limit) throws Exception {
        Object locked = em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, RELAY_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        // Read-only: the rows are marked published below with one statement, not one full-row
        // UPDATE per entity at flush.
        List<SlaEventRecord> rows = em.createQuery(
                        "FROM SlaEventRecord WHERE publishedAt IS NULL ORDER BY seq", SlaEventRecord.class)
                .setMaxResults(limit)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> counts = em.createNativeQuery(
                        "SELECT seq, payload FROM commitment_event WHERE published_at IS NULL ORDER BY seq")
                .setMaxResults(limit)
                .getResultList();
        if (rows.isEmpty() && counts.isEmpty()) {
            return 0;
        }
        if (!rows.isEmpty()) {
            FaultPoint.BEFORE_PUBLISH.reached(settings);
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size() + counts.size());
        for (SlaEventRecord row : rows) {
            acks.add(producer.send(toRecord(row)));
        }
        for (Object[] count : counts) {
            acks.add(producer.send(toRecord((String) count[1])));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(30, TimeUnit.SECONDS);
        }
        if (!rows.isEmpty()) {
            FaultPoint.AFTER_PUBLISH.reached(settings);
        }
        Instant publishedAt = clock.instant();
        markPublished("sla_event", rows.stream().map(row -> row.seq).collect(Collectors.toList()), publishedAt);
        markPublished(
                "commitment_event",
                counts.stream().map(count -> ((Number) count[0]).longValue()).collect(Collectors.toList()),
                publishedAt);
        Map<List<String>, Long> published =
                rows.stream().collect(Collectors.groupingBy(row -> List.of(row.kind, row.rule), Collectors.counting()));
        published.forEach((kindAndRule, count) -> Counter.builder("sla.events.published")
                .description("SLA events published, by kind and rule")
                .tag("kind", kindAndRule.get(0))
                .tag("rule", kindAndRule.get(1))
                .register(registry)
                .increment(count));
        if (!counts.isEmpty()) {
            Counter.builder("commitment.checkpoints.published")
                    .description("Counts of marketing's commitment checkpoints published")
                    .register(registry)
                    .increment(counts.size());
        }
        return rows.size() + counts.size();
    }

    /** One statement per outbox, not one full-row UPDATE per entity at flush. */
    private void markPublished(String table, List<Long> seqs, Instant publishedAt) {
        if (seqs.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE " + table + " SET published_at = ?1 WHERE seq IN (?2)")
                .setParameter(1, publishedAt)
                .setParameter(2, seqs)
                .executeUpdate();
    }

    private ProducerRecord<String, String> toRecord(String checkpointPayload) throws JsonProcessingException {
        CommitmentCheckpoint count = json.readValue(checkpointPayload, CommitmentCheckpoint.class);
        ProducerRecord<String, String> record =
                new ProducerRecord<>(Topics.MARKETING_COMMITMENTS, count.scope(), checkpointPayload);
        header(record, "ce_specversion", CloudEventTypes.SPEC_VERSION);
        header(record, "ce_id", count.eventId());
        header(record, "ce_type", CloudEventTypes.COMMITMENT_CHECKPOINT);
        header(record, "ce_source", settings.source());
        header(record, "ce_time", count.countedAt().toString());
        header(record, "ce_subject", count.scope());
        header(record, "content-type", "application/json");
        return record;
    }

    private ProducerRecord<String, String> toRecord(SlaEventRecord row) throws JsonProcessingException {
        SlaEvent event = json.readValue(row.payload, SlaEvent.class);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.SLA_BREACHES, event.key(), row.payload);
        header(record, "ce_specversion", CloudEventTypes.SPEC_VERSION);
        header(record, "ce_id", event.eventId());
        header(record, "ce_type", CloudEventTypes.of(SlaEventKind.valueOf(row.kind)));
        header(record, "ce_source", settings.source());
        header(record, "ce_time", event.detectedAt().toString());
        header(record, "ce_subject", event.key());
        header(record, "content-type", "application/json");
        return record;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
