package dev.leadpact.monitor.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.monitor.outbox.Outbox;
import dev.leadpact.monitor.rules.LeadSlaState;
import dev.leadpact.monitor.rules.SlaEngine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The use case: apply an incoming event to its lead, and fire due timers. Each call is one
 * transaction that locks the lead's row, runs the rules, stores the new state and timer, and
 * writes the emitted events to the outbox, so a crash anywhere leaves all or nothing.
 */
@ApplicationScoped
public class SlaTracker {
    private final EntityManager em;
    private final SlaEngine engine;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper json;
    private final Timer lateness;

    SlaTracker(
            EntityManager em, SlaEngine engine, Outbox outbox, Clock clock, ObjectMapper json, MeterRegistry registry) {
        this.em = em;
        this.engine = engine;
        this.outbox = outbox;
        this.clock = clock;
        this.json = json;
        this.lateness = Timer.builder("sla.timer.lateness")
                .description("How late a due timer fired (fired minus due)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /**
     * Applies one incoming event. An event id seen before changes nothing.
     *
     * @return the SLA events it caused
     * @throws IllegalArgumentException when the event lacks what the rules need
     */
    @Transactional
    public List<SlaEvent> apply(LeadEvent event) {
        SlaEngine.validate(event);
        int fresh = em.createNativeQuery(
                        "INSERT INTO processed_event (event_id, processed_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, event.eventId())
                .setParameter(2, clock.instant())
                .executeUpdate();
        if (fresh == 0) {
            return List.of();
        }
        em.createNativeQuery("INSERT INTO lead_sla_state (lead_id, state, updated_at) VALUES (?1, ?2, ?3)"
                        + " ON CONFLICT (lead_id) DO NOTHING")
                .setParameter(1, event.leadId())
                .setParameter(2, write(new LeadSlaState(event.leadId())))
                .setParameter(3, clock.instant())
                .executeUpdate();
        LeadSlaRecord record = em.find(LeadSlaRecord.class, event.leadId(), LockModeType.PESSIMISTIC_WRITE);
        LeadSlaState state = read(record);
        Instant now = clock.instant();
        List<SlaEvent> emitted = engine.apply(state, event, now);
        store(record, state, now);
        outbox.add(emitted);
        return emitted;
    }

    /**
     * Claims up to {@code limit} due timers that no other transaction holds (several instances
     * may scan at once; each timer goes to one of them), fires them and moves each on.
     *
     * @return how many timers were claimed
     */
    @Transactional
    public int fireDue(int limit) {
        // Plain JDBC on the transaction's connection: one claim query, then one batch of state
        // updates and one of outbox inserts, instead of an ORM flush per row.
        return em.unwrap(Session.class).doReturningWork(connection -> fireDue(connection, limit));
    }

    private int fireDue(Connection connection, int limit) throws SQLException {
        Instant now = clock.instant();
        List<LeadSlaRecord> due = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(
                "SELECT lead_id, state, next_due_at FROM lead_sla_state WHERE next_due_at <= ?"
                        + " ORDER BY next_due_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            claim.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            claim.setInt(2, limit);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    LeadSlaRecord record = new LeadSlaRecord();
                    record.leadId = rs.getString(1);
                    record.state = rs.getString(2);
                    record.nextDueAt = rs.getObject(3, OffsetDateTime.class).toInstant();
                    due.add(record);
                }
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        List<SlaEvent> emitted = new ArrayList<>();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE lead_sla_state SET state = ?, owner_id = ?, segment = ?, stage = ?, next_due_at = ?,"
                        + " next_rule = ?, next_kind = ?, updated_at = ? WHERE lead_id = ?")) {
            for (LeadSlaRecord record : due) {
                lateness.record(Duration.between(record.nextDueAt, now));
                LeadSlaState state = read(record);
                emitted.addAll(engine.evaluate(state, now));
                store(record, state, now);
                update.setString(1, record.state);
                update.setString(2, record.ownerId);
                update.setString(3, record.segment);
                update.setString(4, record.stage);
                update.setObject(
                        5,
                        record.nextDueAt == null ? null : OffsetDateTime.ofInstant(record.nextDueAt, ZoneOffset.UTC));
                update.setString(6, record.nextRule);
                update.setString(7, record.nextKind);
                update.setObject(8, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                update.setString(9, record.leadId);
                update.addBatch();
            }
            update.executeBatch();
        }
        outbox.insert(connection, emitted);
        return due.size();
    }

    /** The earliest pending timer, to know how long the scanner may sleep. */
    @Transactional
    public Optional<Instant> nextDue() {
        Object next = em.createNativeQuery(
                        "SELECT min(next_due_at) FROM lead_sla_state WHERE next_due_at IS NOT NULL", Instant.class)
                .getSingleResult();
        return Optional.ofNullable((Instant) next);
    }

    @Transactional
    public long openTimers() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM lead_sla_state WHERE next_due_at IS NOT NULL")
                        .getSingleResult())
                .longValue();
    }

    private void store(LeadSlaRecord record, LeadSlaState state, Instant now) {
        record.state = write(state);
        record.updatedAt = now;
        state.owners.stream()
                .max(Comparator.comparing(LeadSlaState.OwnerMark::at).thenComparing(LeadSlaState.OwnerMark::eventId))
                .ifPresent(o -> record.ownerId = o.ownerId());
        state.stages.stream()
                .max(Comparator.comparing(LeadSlaState.StageMark::stage)
                        .thenComparing(LeadSlaState.StageMark::at, Comparator.reverseOrder()))
                .ifPresent(s -> {
                    record.stage = s.stage().name();
                    record.segment = s.segment().name();
                });
        Optional<SlaEngine.Timer> next = engine.nextTimer(state, now);
        record.nextDueAt = next.map(SlaEngine.Timer::dueAt).orElse(null);
        record.nextRule = next.map(t -> t.rule().name()).orElse(null);
        record.nextKind = next.map(t -> t.kind().name()).orElse(null);
    }

    public LeadSlaState read(LeadSlaRecord record) {
        try {
            return json.readValue(record.state, LeadSlaState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored SLA state of lead " + record.leadId + " is unreadable", e);
        }
    }

    private String write(LeadSlaState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise SLA state of lead " + state.leadId, e);
        }
    }
}
