package dev.leadpact.ingest;

import dev.leadpact.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends a record that can never be processed to {@code <topic>.dlq}, with its key, value and
 * headers, plus the headers SmallRye's dead-letter strategy writes: {@code dead-letter-reason},
 * {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset}, and which
 * service wrote it, {@code dead-letter-service} ({@code quarkus.application.name}). Through the
 * service's {@code dead-letters} channel, so it gets the connector's Kafka settings (TLS, SASL) like
 * every other channel. It returns once Kafka acknowledged the record, and while the broker is away
 * it waits ({@link Persistently}), so the record's offset is committed only once it is safe in the
 * dead-letter topic.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;
    private final Persistently persistently;
    private final MeterRegistry registry;
    private final String service;

    DeadLetters(
            @Channel("dead-letters") MutinyEmitter<String> emitter,
            Persistently persistently,
            MeterRegistry registry,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.emitter = emitter;
        this.persistently = persistently;
        this.registry = registry;
        this.service = service;
    }

    public void send(KafkaRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.getHeaders()) {
            headers.add(h);
        }
        header(headers, "dead-letter-reason", reason);
        header(headers, "dead-letter-topic", record.getTopic());
        header(headers, "dead-letter-partition", Integer.toString(record.getPartition()));
        if (record instanceof IncomingKafkaRecord<?, ?> incoming) {
            header(headers, "dead-letter-offset", Long.toString(incoming.getOffset()));
        }
        header(headers, "dead-letter-service", service);
        LOG.warnf("A record of %s goes to the dead-letter topic: %s", record.getTopic(), reason);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetterOf(record.getTopic()))
                .withKey(record.getKey())
                .withHeaders(headers)
                .build();
        persistently.call("writing to a dead-letter topic", () -> emitter.sendMessage(
                        Message.of(record.getPayload()).addMetadata(metadata))
                .await()
                .atMost(ACK_TIMEOUT));
        Counter.builder("leadpact.dead.letters")
                .description("Records written to a dead-letter topic, by the topic they came from")
                .tag("topic", record.getTopic())
                .register(registry)
                .increment();
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
