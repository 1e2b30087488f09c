package dev.leadpact.intake;

import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.LeadEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes every event of the intake through one Kafka producer (channel {@code lead-events}),
 * keyed by lead id, with CloudEvents binary-mode headers. The returned {@link Uni} completes only
 * when the broker acknowledged the record (acks=all), and fails with a 503 problem when that takes
 * longer than {@code leadpact.publish.timeout}.
 *
 * <p>With {@code leadpact.benchmark.skip-publish} (benchmarks only) nothing is sent: the returned
 * {@link Uni} completes at once, so a request is answered after validation alone.
 */
@ApplicationScoped
public class EventPublisher {
    static final String SOURCE = "/leadpact/lead-intake";
    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    private final MutinyEmitter<Object> emitter;
    private final Duration timeout;
    private final Timer publishLatency;
    private final boolean skipPublish;

    EventPublisher(
            @Channel("lead-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 8192)
                    MutinyEmitter<Object> emitter,
            IntakeConfig config,
            MeterRegistry registry) {
        this.emitter = emitter;
        this.timeout = config.publish().timeout();
        this.skipPublish = config.benchmark().skipPublish();
        this.publishLatency = Timer.builder("leadpact.intake.publish")
                .description("Time from publish to the broker's acknowledgement")
                .publishPercentileHistogram()
                .register(registry);
    }

    void warnIfNotPublishing(@Observes StartupEvent event) {
        if (skipPublish) {
            LOG.warn("BENCHMARK ONLY: leadpact.benchmark.skip-publish is on. Nothing is sent to Kafka: every"
                    + " request is answered 202 after validation and its event is DROPPED. Never run like this"
                    + " in production.");
        }
    }

    public Uni<Void> publish(String topic, LeadEvent event, String cloudEventType) {
        return publish(topic, event, event.eventId(), event.leadId(), event.occurredAt(), cloudEventType);
    }

    /** Publishes any value about a lead: keyed by its lead id, {@code ce_id} and {@code ce_time} as given. */
    public Uni<Void> publish(
            String topic, Object value, String eventId, String leadId, Instant occurredAt, String cloudEventType) {
        if (skipPublish) {
            return Uni.createFrom().voidItem();
        }
        Message<Object> message = Message.<Object>of(value)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(topic)
                        .withKey(leadId)
                        .withHeaders(List.of(
                                header("ce_specversion", CloudEventTypes.SPEC_VERSION),
                                header("ce_id", eventId),
                                header("ce_type", cloudEventType),
                                header("ce_source", SOURCE),
                                header("ce_time", occurredAt.toString()),
                                header("content-type", "application/json")))
                        .build());
        Timer.Sample sample = Timer.start();
        return Uni.createFrom()
                .deferred(() -> emitter.sendMessage(message))
                .onItem()
                .invoke(() -> sample.stop(publishLatency))
                .ifNoItem()
                .after(timeout)
                .failWith(() -> new IllegalStateException("no acknowledgement within " + timeout))
                .onFailure()
                .transform(failure -> {
                    LOG.warnf("Not published to %s: %s", topic, failure.getMessage());
                    return unavailable();
                });
    }

    private ProblemException unavailable() {
        return new ProblemException(
                ProblemException.UNAVAILABLE,
                "Kafka did not acknowledge the event in time; it may not be stored. Retry with the same"
                        + " Idempotency-Key so that a duplicate is recognised.",
                List.of());
    }

    private static RecordHeader header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
