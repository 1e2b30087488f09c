package dev.leadpact.monitor.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.SlaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;

/** Writes emitted events into the outbox, inside the caller's transaction. */
@ApplicationScoped
public class Outbox {
    private final EntityManager em;
    private final ObjectMapper json;

    Outbox(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** An event id already in the outbox is skipped: the same event is never stored twice. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<SlaEvent> events) {
        for (SlaEvent e : events) {
            String payload;
            try {
                payload = json.writeValueAsString(e);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("cannot serialise SLA event " + e.eventId(), ex);
            }
            em.createNativeQuery(
                            "INSERT INTO sla_event (event_id, breach_id, kind, rule, lead_id, owner_id, segment, stage,"
                                    + " due_at, detected_at, payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                                    + " ON CONFLICT (event_id) DO NOTHING")
                    .setParameter(1, e.eventId())
                    .setParameter(2, e.breachId())
                    .setParameter(3, e.kind().name())
                    .setParameter(4, e.rule().name())
                    .setParameter(5, e.leadId())
                    .setParameter(6, e.ownerId())
                    .setParameter(7, e.segment() == null ? null : e.segment().name())
                    .setParameter(8, e.stage() == null ? null : e.stage().name())
                    .setParameter(9, e.dueAt())
                    .setParameter(10, e.detectedAt())
                    .setParameter(11, payload)
                    .executeUpdate();
        }
    }
}
