package dev.leadpact.monitor.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.SlaEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;

/**
 * Writes emitted events into the outboxes, inside the caller's transaction: SLA events into
 * {@code sla_event}, counts of marketing's checkpoints into {@code commitment_event}. When that
 * transaction commits, this instance's {@link OutboxRelay} is woken, so a breach reaches Kafka
 * without waiting for the relay's idle poll.
 */
@ApplicationScoped
public class Outbox {
    /** The transaction's resource that says its commit already wakes the relay. */
    private static final Object WAKE_ON_COMMIT = new Object();

    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    Outbox(ObjectMapper json, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.json = json;
        this.transactions = transactions;
        this.relay = relay;
    }

    /**
     * Inserts in one JDBC batch on the caller's transaction connection. An event id already in the
     * outbox is skipped: the same event is never stored twice.
     */
    public void insert(Connection connection, List<SlaEvent> events) throws SQLException {
        insert(connection, events, e -> null);
    }

    /**
     * Stores events that are on {@code sla.breaches.v1} already (a replay from the log), as
     * published at {@code publishedAt}: the relay does not send them again.
     */
    public void insertPublished(Connection connection, List<SlaEvent> events, Function<SlaEvent, Instant> publishedAt)
            throws SQLException {
        insert(connection, events, publishedAt);
    }

    private void insert(Connection connection, List<SlaEvent> events, Function<SlaEvent, Instant> publishedAt)
            throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        boolean unpublished = false;
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO sla_event (event_id, breach_id, kind, rule, lead_id, owner_id, segment, stage,"
                        + " due_at, detected_at, payload, published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (event_id) DO NOTHING")) {
            for (SlaEvent e : events) {
                ps.setString(1, e.eventId());
                ps.setString(2, e.breachId());
                ps.setString(3, e.kind().name());
                ps.setString(4, e.rule().name());
                ps.setString(5, e.leadId());
                ps.setString(6, e.ownerId());
                ps.setString(7, e.segment() == null ? null : e.segment().name());
                ps.setString(8, e.stage() == null ? null : e.stage().name());
                ps.setObject(9, OffsetDateTime.ofInstant(e.dueAt(), ZoneOffset.UTC));
                ps.setObject(10, OffsetDateTime.ofInstant(e.detectedAt(), ZoneOffset.UTC));
                ps.setString(11, payload(e.eventId(), e));
                Instant published = publishedAt.apply(e);
                ps.setObject(12, published == null ? null : OffsetDateTime.ofInstant(published, ZoneOffset.UTC));
                ps.addBatch();
                unpublished |= published == null;
            }
            ps.executeBatch();
        }
        if (unpublished) {
            wakeRelayOnCommit();
        }
    }

    /** Once per transaction: after it commits, the relay runs at once (a rollback wakes nothing). */
    private void wakeRelayOnCommit() {
        if (transactions.getTransactionKey() == null) {
            relay.wake();
            return;
        }
        if (transactions.getResource(WAKE_ON_COMMIT) != null) {
            return;
        }
        transactions.putResource(WAKE_ON_COMMIT, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }

    /** Like {@link #insert}: one JDBC batch, an event id already stored is skipped. */
    public void insertCheckpoints(Connection connection, List<CommitmentCheckpoint> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO commitment_event (event_id, scope, due_at, counted_at, payload) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (event_id) DO NOTHING")) {
            for (CommitmentCheckpoint c : counts) {
                ps.setString(1, c.eventId());
                ps.setString(2, c.scope());
                ps.setObject(3, OffsetDateTime.ofInstant(c.dueAt(), ZoneOffset.UTC));
                ps.setObject(4, OffsetDateTime.ofInstant(c.countedAt(), ZoneOffset.UTC));
                ps.setString(5, payload(c.eventId(), c));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        wakeRelayOnCommit();
    }

    private String payload(String eventId, Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot serialise event " + eventId, ex);
        }
    }
}
