package dev.leadpact.ingest;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One poll of a channel, processed the way every LeadPact consumer does it: each record is parsed;
 * one that cannot be ({@link IllegalArgumentException}: not JSON, a field missing) goes to its
 * dead-letter topic with the reason, and the rest carries on. The parsed events are stored in one
 * call (one transaction), which waits while the database is away ({@link Persistently}). Should it
 * fail for good, each event is stored on its own, and only an event that still fails for good goes to
 * the dead-letter topic. The caller acknowledges the batch after this returns; when it throws (the
 * service stops while waiting), nothing is acknowledged and the next start processes the batch again.
 */
@ApplicationScoped
public class BatchIngest {
    private final Persistently persistently;
    private final DeadLetters deadLetters;

    BatchIngest(Persistently persistently, DeadLetters deadLetters) {
        this.persistently = persistently;
        this.deadLetters = deadLetters;
    }

    /**
     * @param channel the channel's name, for the log and the readiness check
     * @param parse the event of a record; throws {@link IllegalArgumentException} when it has none
     * @param store stores events in one transaction, idempotently (a retry may repeat a batch)
     */
    public <T> void process(
            String channel,
            KafkaRecordBatch<String, String> batch,
            Function<KafkaRecord<String, String>, T> parse,
            Consumer<List<T>> store) {
        List<T> events = new ArrayList<>();
        List<KafkaRecord<String, String>> origins = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            T event;
            try {
                event = parse.apply(record);
            } catch (IllegalArgumentException poison) {
                deadLetters.send(record, poison.getMessage());
                continue;
            }
            events.add(event);
            origins.add(record);
        }
        if (events.isEmpty()) {
            return;
        }
        String what = "storing events of " + channel;
        try {
            persistently.call(what, () -> {
                store.accept(events);
                return null;
            });
        } catch (PermanentFailure batchFailed) {
            for (int i = 0; i < events.size(); i++) {
                List<T> one = List.of(events.get(i));
                try {
                    persistently.call(what, () -> {
                        store.accept(one);
                        return null;
                    });
                } catch (PermanentFailure failed) {
                    deadLetters.send(origins.get(i), "storing failed: " + failed.reason());
                }
            }
        }
    }
}
