package dev.leadpact.reporting.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.problem.InvalidFilterException;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The dashboard's breach feed: the latest stored breaches, then the live ones as they arrive.
 *
 * <p>The live side reads {@code sla.breaches.v1} on the channel {@code breach-feed}, in a consumer
 * group of its own per instance (see application.properties): behind a load balancer every instance
 * must see every breach for the browsers connected to it, which the shared group of the ingest
 * channels would not give. It starts at the latest offset and commits nothing, since a browser that
 * connects later gets the history from the database. Nothing is stored here, so a record that does
 * not parse is skipped: the ingest channel already sends it to the dead-letter topic.
 */
@ApplicationScoped
public class BreachFeed {
    private static final Logger LOG = Logger.getLogger(BreachFeed.class);
    /** What the meeting watches: warnings and resolutions are not breaches. */
    static final Set<SlaEventKind> SHOWN =
            Set.of(SlaEventKind.BREACH, SlaEventKind.ESCALATION, SlaEventKind.RETRACTION);

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** A browser that falls this far behind is disconnected; its EventSource reconnects. */
    private static final int CLIENT_BUFFER = 256;

    private final ObjectMapper json;
    private final BroadcastProcessor<BreachFeedItem> live = BroadcastProcessor.create();

    BreachFeed(ObjectMapper json) {
        this.json = json;
    }

    @Incoming("breach-feed")
    public void onSlaEvent(ConsumerRecord<String, String> record) {
        SlaEvent event;
        try {
            event = record.value() == null ? null : json.readValue(record.value(), SlaEvent.class);
        } catch (JsonProcessingException e) {
            LOG.debugf("feed skips an unreadable record at offset %d", record.offset());
            return;
        }
        if (event == null
                || event.eventId() == null
                || event.kind() == null
                || event.rule() == null
                || event.rule() == SlaRule.UNKNOWN
                || event.detectedAt() == null
                || !SHOWN.contains(event.kind())) {
            return;
        }
        live.onNext(BreachFeedItem.of(event));
    }

    /** Breaches from now on, for as long as the caller stays subscribed. */
    public Multi<BreachFeedItem> live() {
        return live.onOverflow().buffer(CLIENT_BUFFER);
    }

    /** The latest stored breaches, newest first (by detection time, then event id). */
    @Transactional
    public List<BreachFeedItem> recent(String limit) {
        int n = limit(limit);
        return SlaRecord.<SlaRecord>find(
                        "kind in ?1", Sort.descending("detectedAt").and("eventId", Sort.Direction.Descending), SHOWN)
                .page(Page.ofSize(n))
                .list()
                .stream()
                .map(BreachFeedItem::of)
                .toList();
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below like an out-of-range number
        }
        throw new InvalidFilterException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
