package dev.leadpact.reporting.facts;

import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.SlaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Stores events as facts, each exactly once: the event id is claimed in {@code processed_event} in
 * the same transaction as the fact, so a redelivered or replayed event changes nothing.
 */
@ApplicationScoped
public class FactStore {

    private final EntityManager em;

    FactStore(EntityManager em) {
        this.em = em;
    }

    /** @return false when the event was already stored */
    @Transactional
    public boolean store(ConversionEvent event) {
        if (!claim(event.eventId())) {
            return false;
        }
        Touchpoint.of(event).persist();
        return true;
    }

    @Transactional
    public boolean store(SalesActivity event) {
        if (!claim(event.eventId())) {
            return false;
        }
        Activity.of(event).persist();
        return true;
    }

    /** A deal is kept whether or not its lead is known; the latest close of a deal wins. */
    @Transactional
    public boolean store(DealClosed event) {
        if (!claim(event.eventId())) {
            return false;
        }
        Deal existing = Deal.findById(event.dealId());
        if (existing == null) {
            Deal deal = new Deal();
            deal.apply(event);
            deal.persist();
        } else if (existing.isSupersededBy(event)) {
            existing.apply(event);
        }
        return true;
    }

    @Transactional
    public boolean store(SlaEvent event) {
        if (!claim(event.eventId())) {
            return false;
        }
        SlaRecord.of(event).persist();
        return true;
    }

    /**
     * Inserts the event id unless present. ON CONFLICT makes a concurrent duplicate wait for the first
     * transaction and then see it, instead of failing on the primary key.
     */
    private boolean claim(String eventId) {
        return em.createNativeQuery(
                                "INSERT INTO processed_event (event_id, processed_at) VALUES (?1, now()) ON CONFLICT DO NOTHING")
                        .setParameter(1, eventId)
                        .executeUpdate()
                == 1;
    }
}
