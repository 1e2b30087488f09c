package dev.leadpact.ingest;

import dev.leadpact.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Re-drives a dead-letter topic: every record of {@code <topic>.dlq} that no earlier run re-drove is
 * written back onto {@code <topic>}, with its key, value and headers as they were (the
 * {@code dead-letter-*} headers dropped, a {@value #REDRIVEN_FROM} header added), and the consumers
 * process it again. Run it once the cause is fixed (a new release, a repaired record upstream).
 *
 * <p>Progress is kept as the committed offsets of the consumer group {@value #GROUP} on the
 * dead-letter topic, committed after the records up to them were acknowledged by the broker
 * ({@code acks=all}): a run that dies re-drives at most its last batch again, and the consumers drop
 * such a repeat by its event id. A run stops at the end offsets it found when it began.
 */
public final class Redrive {
    public static final String GROUP = "leadpact-redrive";
    public static final String REDRIVEN_FROM = "leadpact-redriven-from";
    private static final Duration POLL = Duration.ofMillis(500);

    /** What a run did. */
    public record Result(String from, String to, long redriven) {}

    private Redrive() {}

    /**
     * @param kafka the service's Kafka client settings (bootstrap servers, TLS, SASL)
     * @param deadLetterTopic a topic named {@code <topic>.dlq}
     * @param progress told about each batch
     */
    public static Result run(Map<String, Object> kafka, String deadLetterTopic, Consumer<String> progress)
            throws InterruptedException {
        if (!deadLetterTopic.endsWith(Topics.DLQ_SUFFIX) || deadLetterTopic.length() == Topics.DLQ_SUFFIX.length()) {
            throw new IllegalArgumentException("not a dead-letter topic (<topic>.dlq): " + deadLetterTopic);
        }
        String target = deadLetterTopic.substring(0, deadLetterTopic.length() - Topics.DLQ_SUFFIX.length());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerSettings(kafka));
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerSettings(kafka))) {
            List<PartitionInfo> infos = consumer.partitionsFor(deadLetterTopic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic " + deadLetterTopic);
            }
            if (consumer.partitionsFor(target).isEmpty()) {
                throw new IllegalArgumentException("no topic " + target + " to re-drive onto");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long redriven = 0;
            while (!reached(consumer, end)) {
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    sent.add(producer.send(redriven(record, target)));
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
                if (sent.isEmpty()) {
                    continue;
                }
                producer.flush();
                for (Future<RecordMetadata> ack : sent) {
                    try {
                        ack.get();
                    } catch (ExecutionException e) {
                        throw new IllegalStateException(
                                "the broker did not take a re-driven record: " + Transience.rootMessage(e), e);
                    }
                }
                consumer.commitSync(done);
                redriven += sent.size();
                progress.accept("re-drove " + redriven + " records of " + deadLetterTopic + " onto " + target);
            }
            return new Result(deadLetterTopic, target, redriven);
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static ProducerRecord<byte[], byte[]> redriven(ConsumerRecord<byte[], byte[]> record, String target) {
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(target, record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-") && !header.key().equals(REDRIVEN_FROM)) {
                out.headers().add(header);
            }
        }
        String origin = record.topic() + "/" + record.partition() + "/" + record.offset();
        out.headers().add(REDRIVEN_FROM, origin.getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static Map<String, Object> consumerSettings(Map<String, Object> kafka) {
        Map<String, Object> settings = KafkaClients.connection(kafka);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, GROUP + "-reader");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return settings;
    }

    private static Map<String, Object> producerSettings(Map<String, Object> kafka) {
        Map<String, Object> settings = KafkaClients.connection(kafka);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, GROUP + "-writer");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return settings;
    }
}
