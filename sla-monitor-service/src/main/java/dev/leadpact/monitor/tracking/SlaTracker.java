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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<LeadSlaRecord> due = em.createNativeQuery(
                        "SELECT * FROM lead_sla_state WHERE next_due_at <= ?1 ORDER BY next_due_at LIMIT ?2"
                                + " FOR UPDATE SKIP LOCKED",
                        LeadSlaRecord.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
        for (LeadSlaRecord record : due) {
            lateness.record(Duration.between(record.nextDueAt, now));
            LeadSlaState state = read(record);
            List<SlaEvent> emitted = engine.evaluate(state, now);
            store(record, state, now);
            outbox.add(emitted);
        }
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
