package dev.leadpact.monitor.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.ingest.ErasedLeads;
import dev.leadpact.monitor.FaultPoint;
import dev.leadpact.monitor.MonitorSettings;
import dev.leadpact.monitor.commitment.CommitmentTracker;
import dev.leadpact.monitor.outbox.Outbox;
import dev.leadpact.monitor.rules.LeadSlaState;
import dev.leadpact.monitor.rules.SlaEngine;
import dev.leadpact.policy.SlaPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * The use case: apply incoming events to their leads, and fire due timers. Each call is one
 * transaction that locks the leads' rows, runs the rules, stores the new states and timers, records
 * what the leads mean for marketing's commitment, and writes the emitted events to the outbox, so a
 * crash anywhere leaves all or nothing. Plain JDBC
 * batches on the transaction's connection keep the round trips per batch, not per row.
 */
@ApplicationScoped
public class SlaTracker {
    private final EntityManager em;
    private final SlaEngine engine;
    private final Outbox outbox;
    private final CommitmentTracker commitments;
    private final Clock clock;
    private final ObjectMapper json;
    private final Timer lateness;
    private final MonitorSettings settings;

    SlaTracker(
            EntityManager em,
            SlaEngine engine,
            Outbox outbox,
            CommitmentTracker commitments,
            Clock clock,
            ObjectMapper json,
            MeterRegistry registry,
            MonitorSettings settings) {
        this.em = em;
        this.settings = settings;
        this.engine = engine;
        this.outbox = outbox;
        this.commitments = commitments;
        this.clock = clock;
        this.json = json;
        this.lateness = Timer.builder("sla.timer.lateness")
                .description("How late a due timer fired (fired minus due)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    /** Applies one event; see {@link #applyAll}. */
    public List<SlaEvent> apply(LeadEvent event) {
        return applyAll(List.of(event));
    }

    /**
     * Applies events in one transaction. An event id seen before changes nothing, nor does an event
     * of an erased lead that happened before its erasure. Leads are locked
     * in lead id order, so concurrent batches never deadlock.
     *
     * @return the SLA events they caused
     * @throws IllegalArgumentException when an event lacks what the rules need
     */
    @Transactional
    public List<SlaEvent> applyAll(List<LeadEvent> events) {
        events.forEach(SlaEngine::validate);
        return em.unwrap(Session.class).doReturningWork(connection -> applyAll(connection, events));
    }

    private List<SlaEvent> applyAll(Connection connection, List<LeadEvent> events) throws SQLException {
        Instant now = clock.instant();
        Fresh fresh = lockFresh(connection, events, now);
        if (fresh.events().isEmpty()) {
            return List.of();
        }
        List<SlaEvent> emitted = new ArrayList<>();
        for (LeadEvent event : fresh.events()) {
            emitted.addAll(engine.apply(fresh.states().get(event.leadId()), event, now));
        }
        update(connection, fresh.states().values(), now);
        commitments.track(connection, fresh.states().values(), now);
        outbox.insert(connection, emitted);
        return emitted;
    }

    /**
     * A replay from the log ({@code ReplayCommand}): records the facts of events like {@link
     * #applyAll} (seen once, erased leads' earlier events dropped, marketing's commitment counted)
     * but evaluates nothing and emits nothing: the events the rules called for are on {@code
     * sla.breaches.v1} already, and {@link #rememberAll} restores them.
     *
     * @return how many events were new facts
     */
    @Transactional
    public int recordAll(List<LeadEvent> events) {
        events.forEach(SlaEngine::validate);
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Instant now = clock.instant();
            Fresh fresh = lockFresh(connection, events, now);
            for (LeadEvent event : fresh.events()) {
                engine.learn(fresh.states().get(event.leadId()), event);
            }
            update(connection, fresh.states().values(), now);
            commitments.track(connection, fresh.states().values(), now);
            return fresh.events().size();
        });
    }

    /**
     * A replay from the log: the SLA events already on {@code sla.breaches.v1}, in their order
     * there, are remembered in their leads' states (never emitted again, open breaches retractable)
     * and stored as published. An event of a lead without a state (erased since, or its facts past
     * the topics' retention) is skipped.
     *
     * @param publishedAt when each event reached the topic (its record's timestamp)
     * @return how many events were restored
     */
    @Transactional
    public int rememberAll(List<SlaEvent> events, Function<SlaEvent, Instant> publishedAt) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            TreeSet<String> leadIds = new TreeSet<>();
            events.stream().map(SlaEvent::leadId).filter(Objects::nonNull).forEach(leadIds::add);
            Map<String, LeadSlaState> states = lock(connection, leadIds);
            List<SlaEvent> restored = new ArrayList<>();
            for (SlaEvent event : events) {
                LeadSlaState state = event.leadId() == null ? null : states.get(event.leadId());
                if (state != null) {
                    SlaEngine.remember(state, event);
                    restored.add(event);
                }
            }
            update(connection, states.values(), clock.instant());
            outbox.insertPublished(connection, restored, publishedAt);
            return restored.size();
        });
    }

    /** The events of a batch seen for the first time (not of an erased lead), and their leads' locked states. */
    private record Fresh(List<LeadEvent> events, Map<String, LeadSlaState> states) {}

    private Fresh lockFresh(Connection connection, List<LeadEvent> events, Instant now) throws SQLException {
        Set<String> firstSeen = new HashSet<>();
        try (PreparedStatement seen = connection.prepareStatement(
                "INSERT INTO processed_event (event_id, processed_at) SELECT DISTINCT id, ? FROM unnest(?) AS id"
                        + " ON CONFLICT DO NOTHING RETURNING event_id")) {
            seen.setObject(1, utc(now));
            seen.setArray(
                    2,
                    connection.createArrayOf(
                            "varchar", events.stream().map(LeadEvent::eventId).toArray()));
            try (ResultSet rs = seen.executeQuery()) {
                while (rs.next()) {
                    firstSeen.add(rs.getString(1));
                }
            }
        }
        List<LeadEvent> fresh = new ArrayList<>();
        for (LeadEvent event : events) {
            if (firstSeen.remove(event.eventId())) {
                fresh.add(event);
            }
        }
        fresh = ErasedLeads.withoutErased(connection, fresh);
        if (fresh.isEmpty()) {
            return new Fresh(List.of(), Map.of());
        }
        TreeSet<String> leadIds = new TreeSet<>();
        fresh.forEach(e -> leadIds.add(e.leadId()));
        try (PreparedStatement create = connection.prepareStatement(
                "INSERT INTO lead_sla_state (lead_id, state, updated_at) VALUES (?, ?, ?) ON CONFLICT (lead_id) DO NOTHING")) {
            for (String leadId : leadIds) {
                create.setString(1, leadId);
                create.setString(2, write(new LeadSlaState(leadId)));
                create.setObject(3, utc(now));
                create.addBatch();
            }
            create.executeBatch();
        }
        return new Fresh(fresh, lock(connection, leadIds));
    }

    /** Locks the stored states of {@code leadIds}, in lead id order so that batches never deadlock. */
    private Map<String, LeadSlaState> lock(Connection connection, TreeSet<String> leadIds) throws SQLException {
        Map<String, LeadSlaState> states = new LinkedHashMap<>();
        if (leadIds.isEmpty()) {
            return states;
        }
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT lead_id, state FROM lead_sla_state WHERE lead_id = ANY (?) ORDER BY lead_id FOR UPDATE")) {
            lock.setArray(1, connection.createArrayOf("varchar", leadIds.toArray()));
            try (ResultSet rs = lock.executeQuery()) {
                while (rs.next()) {
                    states.put(rs.getString(1), read(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return states;
    }

    /** The rows of a monitor's own in this database (leads, SLA events, erasures): a replay fills only an empty one. */
    @Transactional
    public long storedRows() {
        return ((Number) em.createNativeQuery("SELECT (SELECT count(*) FROM lead_sla_state)"
                                + " + (SELECT count(*) FROM sla_event) + (SELECT count(*) FROM erased_lead)")
                        .getSingleResult())
                .longValue();
    }

    /**
     * Claims up to {@code limit} due timers that no other transaction holds (several instances
     * may scan at once; each timer goes to one of them), fires them and moves each on.
     *
     * @return how many timers were claimed
     */
    @Transactional
    public int fireDue(int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> fireDue(connection, limit));
    }

    private int fireDue(Connection connection, int limit) throws SQLException {
        // PostgreSQL keeps microseconds and rounds a finer parameter to the nearest one: truncated, the
        // claim never takes a row due up to half a microsecond after the now it evaluates them at
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<LeadSlaState> due = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(
                "SELECT lead_id, state, next_due_at FROM lead_sla_state WHERE next_due_at <= ?"
                        + " ORDER BY next_due_at LIMIT ? FOR UPDATE SKIP LOCKED")) {
            claim.setObject(1, utc(now));
            claim.setInt(2, limit);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    lateness.record(Duration.between(
                            rs.getObject(3, OffsetDateTime.class).toInstant(), now));
                    due.add(read(rs.getString(1), rs.getString(2)));
                }
            }
        }
        if (due.isEmpty()) {
            return 0;
        }
        List<SlaEvent> emitted = new ArrayList<>();
        for (LeadSlaState state : due) {
            emitted.addAll(engine.evaluate(state, now));
        }
        FaultPoint.BEFORE_STATE_CHANGE.reached(settings);
        update(connection, due, now);
        outbox.insert(connection, emitted);
        return due.size();
    }

    /** What one re-plan batch did: the last lead looked at (null when none was left) and how many moved. */
    public record ReplanBatch(String lastLeadId, int leads, int moved) {}

    /**
     * Re-plans the open leads after {@code afterLeadId} (in lead id order, at most {@code limit}):
     * their undecided commitments under older versions of {@code policies} move to these versions
     * ({@link SlaEngine#replan}) and their timers with them. Locks the leads like every other change,
     * so a timer fires once whichever instance holds it.
     */
    @Transactional
    public ReplanBatch replan(List<SlaPolicy> policies, String afterLeadId, int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            List<LeadSlaState> open = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT lead_id, state FROM lead_sla_state WHERE next_due_at IS NOT NULL AND lead_id > ?"
                            + " ORDER BY lead_id LIMIT ? FOR UPDATE")) {
                select.setString(1, afterLeadId);
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        open.add(read(rs.getString(1), rs.getString(2)));
                    }
                }
            }
            if (open.isEmpty()) {
                return new ReplanBatch(null, 0, 0);
            }
            List<LeadSlaState> changed = new ArrayList<>();
            int moved = 0;
            for (LeadSlaState state : open) {
                int before = moved;
                for (SlaPolicy policy : policies) {
                    moved += engine.replan(state, policy);
                }
                if (moved > before) {
                    changed.add(state);
                }
            }
            update(connection, changed, clock.instant());
            return new ReplanBatch(open.get(open.size() - 1).leadId, open.size(), moved);
        });
    }

    /** Stores states with their summary columns and next timer, in one batch. */
    private void update(Connection connection, Iterable<LeadSlaState> states, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE lead_sla_state SET state = ?, owner_id = ?, segment = ?, stage = ?, next_due_at = ?,"
                        + " next_rule = ?, next_kind = ?, next_policy = ?, updated_at = ? WHERE lead_id = ?")) {
            for (LeadSlaState state : states) {
                Optional<LeadSlaState.StageMark> stage = state.stages.stream()
                        .max(Comparator.comparing(LeadSlaState.StageMark::stage)
                                .thenComparing(LeadSlaState.StageMark::at, Comparator.reverseOrder()));
                Optional<SlaEngine.Timer> next = engine.nextTimer(state, now);
                update.setString(1, write(state));
                update.setString(
                        2,
                        state.owners.stream()
                                .max(Comparator.comparing(LeadSlaState.OwnerMark::at)
                                        .thenComparing(LeadSlaState.OwnerMark::eventId))
                                .map(LeadSlaState.OwnerMark::ownerId)
                                .orElse(null));
                update.setString(3, stage.map(s -> s.segment().name()).orElse(null));
                update.setString(4, stage.map(s -> s.stage().name()).orElse(null));
                update.setObject(5, next.map(t -> utc(t.dueAt())).orElse(null));
                update.setString(6, next.map(t -> t.rule().name()).orElse(null));
                update.setString(7, next.map(t -> t.kind().name()).orElse(null));
                update.setString(8, next.map(t -> t.policy().versionedId()).orElse(null));
                update.setObject(9, utc(now));
                update.setString(10, state.leadId);
                update.addBatch();
            }
            update.executeBatch();
        }
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

    /** Events of both outboxes not yet published (their partial indexes count them). */
    @Transactional
    public long unpublishedEvents() {
        return ((Number) em.createNativeQuery("SELECT (SELECT count(*) FROM sla_event WHERE published_at IS NULL)"
                                + " + (SELECT count(*) FROM commitment_event WHERE published_at IS NULL)")
                        .getSingleResult())
                .longValue();
    }

    public LeadSlaState read(LeadSlaRecord record) {
        return read(record.leadId, record.state);
    }

    private LeadSlaState read(String leadId, String stored) {
        try {
            return json.readValue(stored, LeadSlaState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored SLA state of lead " + leadId + " is unreadable", e);
        }
    }

    private String write(LeadSlaState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise SLA state of lead " + state.leadId, e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
