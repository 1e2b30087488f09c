package dev.leadpact.monitor.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadErased;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.Topics;
import dev.leadpact.ingest.KafkaClients;
import dev.leadpact.monitor.erasure.LeadErasures;
import dev.leadpact.monitor.rules.SlaEngine;
import dev.leadpact.monitor.tracking.SlaTracker;
import io.quarkus.runtime.QuarkusApplication;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code java -jar quarkus-run.jar replay}: rebuilds the monitor's state from the topics into a
 * fresh database, and exits 0 when done, 1 when it refused or failed.
 *
 * <p>It reads each topic from its beginning to the end it had when the replay began: the
 * erasures first, then the facts (conversions, activities, deals) recorded without evaluating, then
 * {@code sla.breaches.v1}, whose events are remembered as emitted. Breach ids are derived from the
 * facts ({@link dev.leadpact.monitor.rules.SlaIds}), so the rebuilt states owe exactly what the
 * topic does not hold yet: what fell due while no monitor ran fires once when the service starts,
 * nothing already on the topic is sent again. Last, the consumer group's offsets are set to those
 * ends, so the service goes on from there.
 *
 * <p>It refuses a database that holds any lead, SLA event or erasure, and a consumer group with
 * members (every instance must be stopped).
 */
public class ReplayCommand implements QuarkusApplication {
    private static final Logger LOG = Logger.getLogger(ReplayCommand.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration EVERY = Duration.ofSeconds(5);
    private static final List<Map.Entry<String, Class<? extends LeadEvent>>> FACTS = List.of(
            Map.entry(Topics.CONVERSIONS, ConversionEvent.class),
            Map.entry(Topics.SALES_ACTIVITIES, SalesActivity.class),
            Map.entry(Topics.DEALS_CLOSED, DealClosed.class));
    private static final List<String> CONSUMED =
            List.of(Topics.LEAD_ERASURES, Topics.CONVERSIONS, Topics.SALES_ACTIVITIES, Topics.DEALS_CLOSED);

    @Inject
    SlaTracker tracker;

    @Inject
    LeadErasures erasures;

    @Inject
    ObjectMapper json;

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka.group.id")
    String group;

    /** How one topic's replay went. */
    private record Tally(String topic, long records, long applied) {}

    @Override
    public int run(String... args) {
        try (Admin admin = Admin.create(KafkaClients.connection(kafka))) {
            String refusal = refusal(admin);
            if (refusal != null) {
                LOG.error("replay refused: " + refusal);
                return 1;
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (String topic : CONSUMED) {
                ends.putAll(endOffsets(admin, topic));
            }
            ends.putAll(endOffsets(admin, Topics.SLA_BREACHES));
            long started = System.nanoTime();
            List<Tally> tallies = new ArrayList<>();
            tallies.add(replay(Topics.LEAD_ERASURES, ends, batch -> {
                List<LeadErased> erased = parseAll(
                        batch,
                        LeadErased.class,
                        e -> e.eventId() != null && e.leadId() != null && e.occurredAt() != null);
                erasures.eraseAll(erased);
                return erased.size();
            }));
            for (Map.Entry<String, Class<? extends LeadEvent>> facts : FACTS) {
                tallies.add(replay(facts.getKey(), ends, batch -> {
                    List<? extends LeadEvent> events = parseAll(batch, facts.getValue(), ReplayCommand::complete);
                    return tracker.recordAll(List.copyOf(events));
                }));
            }
            tallies.add(replay(Topics.SLA_BREACHES, ends, this::remember));
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            ends.forEach((partition, end) -> {
                if (CONSUMED.contains(partition.topic())) {
                    committed.put(partition, new OffsetAndMetadata(end));
                }
            });
            admin.alterConsumerGroupOffsets(group, committed).all().get();
            for (Tally t : tallies) {
                LOG.infof(
                        "Replayed %s: %d records, %d applied, %d skipped (unreadable, incomplete, seen before or of an"
                                + " erased lead)",
                        t.topic(), t.records(), t.applied(), t.records() - t.applied());
            }
            LOG.infof(
                    "Replay done in %d s: consumer group %s goes on from the ends replayed",
                    Duration.ofNanos(System.nanoTime() - started).toSeconds(), group);
            return 0;
        } catch (ExecutionException e) {
            LOG.errorf("replay failed: %s", e.getCause().getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            LOG.errorf(e, "replay failed: %s", e.getMessage());
            return 1;
        }
    }

    /** Why the replay must not run, or null. */
    private String refusal(Admin admin) throws InterruptedException, ExecutionException {
        long rows = tracker.storedRows();
        if (rows > 0) {
            return "the database already holds " + rows + " leads, SLA events or erasures; replay into a new,"
                    + " empty database (see the README)";
        }
        try {
            ConsumerGroupDescription description =
                    admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            if (description != null && !description.members().isEmpty()) {
                return "consumer group " + group + " has "
                        + description.members().size() + " active members: stop every monitor instance first";
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        return null;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Reads {@code topic} from its beginning to {@code ends}, one poll per batch. */
    private Tally replay(
            String topic,
            Map<TopicPartition, Long> ends,
            Function<List<ConsumerRecord<String, String>>, Integer> apply) {
        List<TopicPartition> partitions =
                ends.keySet().stream().filter(p -> p.topic().equals(topic)).toList();
        long records = 0;
        long applied = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerSettings())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long lastLog = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                List<ConsumerRecord<String, String>> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        batch.add(r);
                    }
                }
                if (!batch.isEmpty()) {
                    records += batch.size();
                    applied += apply.apply(batch);
                }
                if (System.nanoTime() - lastLog >= EVERY.toNanos()) {
                    LOG.infof("Replaying %s: %d records read", topic, records);
                    lastLog = System.nanoTime();
                }
            }
        }
        return new Tally(topic, records, applied);
    }

    private int remember(List<ConsumerRecord<String, String>> batch) {
        Map<SlaEvent, Instant> publishedAt = new IdentityHashMap<>();
        List<SlaEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> r : batch) {
            SlaEvent event = parse(r.value(), SlaEvent.class);
            if (event != null && event.kind() != SlaEventKind.UNKNOWN && event.breachId() != null) {
                events.add(event);
                publishedAt.put(event, Instant.ofEpochMilli(r.timestamp()));
            }
        }
        return events.isEmpty() ? 0 : tracker.rememberAll(events, publishedAt::get);
    }

    private static boolean complete(LeadEvent event) {
        try {
            SlaEngine.validate(event);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The records that parse and are complete; the others were dead-lettered when the service
     * consumed them and are skipped here too.
     */
    private <T> List<T> parseAll(List<ConsumerRecord<String, String>> batch, Class<T> type, Predicate<T> complete) {
        List<T> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : batch) {
            T value = parse(r.value(), type);
            if (value != null && complete.test(value)) {
                out.add(value);
            }
        }
        return out;
    }

    private <T> T parse(String value, Class<T> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Map<String, Object> consumerSettings() {
        Map<String, Object> settings = KafkaClients.connection(kafka);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "sla-monitor-replay");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return settings;
    }
}
