package dev.leadpact.monitor.erasure;

import static dev.leadpact.ingest.ErasedLeads.update;

import dev.leadpact.events.LeadErased;
import dev.leadpact.ingest.ErasedLeads;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.Session;

/**
 * Erases leads ({@link LeadErased}). The lead's SLA state and its timer are deleted: nothing is
 * owed to a lead that is forgotten, and no breach fires for it any more. The rows that counts are
 * made of, the SLA events (breaches by owner, rule, segment) and the qualified lead of marketing's
 * commitment, keep their numbers under a random pseudonym ({@code erased-<uuid>}) that nothing maps
 * back to the lead. The lead id and the erasure time are kept ({@link ErasedLeads}), so that an
 * event about the lead that happened before the erasure (replayed, or late) is dropped; a
 * conversion after it is a new start.
 */
@ApplicationScoped
public class LeadErasures {
    private final EntityManager em;
    private final Counter erased;

    LeadErasures(EntityManager em, MeterRegistry registry) {
        this.em = em;
        this.erased = Counter.builder("leadpact.erasures")
                .description("Erasure requests carried out")
                .register(registry);
    }

    /** Carries out the erasures in one transaction; one carried out before changes nothing. */
    @Transactional
    public void eraseAll(List<LeadErased> erasures) {
        em.unwrap(Session.class).doWork(connection -> {
            for (LeadErased erasure : erasures) {
                if (firstTime(connection, erasure)) {
                    erase(connection, erasure);
                    erased.increment();
                }
            }
        });
    }

    /**
     * Whether no erasure of the lead up to this one's time has been carried out: a redelivered
     * erasure must not erase what the lead did after it (it may have signed up again).
     */
    private static boolean firstTime(Connection connection, LeadErased erasure) throws SQLException {
        try (PreparedStatement done =
                connection.prepareStatement("SELECT 1 FROM erased_lead WHERE lead_id = ? AND erased_at >= ?")) {
            done.setString(1, erasure.leadId());
            done.setObject(2, OffsetDateTime.ofInstant(erasure.occurredAt(), ZoneOffset.UTC));
            try (ResultSet rows = done.executeQuery()) {
                return !rows.next();
            }
        }
    }

    private static void erase(Connection connection, LeadErased erasure) throws SQLException {
        String lead = erasure.leadId();
        String pseudonym = ErasedLeads.record(connection, erasure);
        update(connection, "DELETE FROM lead_sla_state WHERE lead_id = ?", lead);
        update(
                connection,
                "UPDATE sla_event SET lead_id = ?, payload = jsonb_set(payload::jsonb, '{leadId}', to_jsonb(?::text))::text"
                        + " WHERE lead_id = ?",
                pseudonym,
                pseudonym,
                lead);
        update(connection, "UPDATE qualified_lead SET lead_id = ? WHERE lead_id = ?", pseudonym, lead);
    }
}
