package dev.leadpact.monitor.ingest;

import dev.leadpact.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes a record the monitor cannot process to {@code <topic>.dlq}, with its key, value and
 * headers and the headers SmallRye's dead-letter strategy uses: {@code dead-letter-reason},
 * {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset}. Waits for
 * Kafka's acknowledgement, so the record's offset is committed only once it is safe in the DLQ.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final String bootstrapServers;
    private volatile KafkaProducer<String, String> producer;

    DeadLetters(
            @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
                    String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void send(KafkaRecord<String, String> record, String reason) {
        ProducerRecord<String, String> dead = new ProducerRecord<>(
                Topics.deadLetterOf(record.getTopic()), null, record.getKey(), record.getPayload());
        for (Header h : record.getHeaders()) {
            dead.headers().add(h);
        }
        header(dead, "dead-letter-reason", reason);
        header(dead, "dead-letter-topic", record.getTopic());
        header(dead, "dead-letter-partition", Integer.toString(record.getPartition()));
        if (record instanceof IncomingKafkaRecord) {
            header(dead, "dead-letter-offset", Long.toString(((IncomingKafkaRecord<?, ?>) record).getOffset()));
        }
        LOG.warnf("Record %s of %s goes to the dead-letter topic: %s", record.getKey(), record.getTopic(), reason);
        try {
            producer().send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the dead-letter topic", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to the dead-letter topic", e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "sla-monitor-dead-letters");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
