package dev.leadpact.monitor.commitment;

import dev.leadpact.events.CheckpointVerdict;
import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.monitor.outbox.Outbox;
import dev.leadpact.monitor.rules.LeadSlaState;
import dev.leadpact.monitor.rules.SlaIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Marketing's commitment in the database: what was delivered ({@code qualified_lead}), who the reps
 * are ({@code commitment_rep}), and the pacing checkpoints ({@code commitment_checkpoint}), which
 * are durable timers: each active scope always has its next checkpoint stored, a checkpoint that
 * fell due while no instance ran fires when one starts, and an instance claims due checkpoints with
 * {@code FOR UPDATE SKIP LOCKED}, so each fires once. A fired checkpoint adds its successor in the
 * same transaction, so a long outage is caught up checkpoint by checkpoint. Every count of a scope
 * still known goes out as a {@link CommitmentCheckpoint} through the {@code commitment_event}
 * outbox, written in the transaction that stores the count.
 *
 * <p>This class loads and stores; the rules are plain Java: what a lead delivers ({@link
 * QualifiedLead}), who serves a scope ({@link RepSpan}), and how a checkpoint is counted ({@link
 * CheckpointCounter}, {@link Verdict}). A count loads only its scope's reps and the leads of its
 * scope and month.
 */
@ApplicationScoped
public class CommitmentTracker {
    private static final String CHECKPOINT_COLUMNS =
            "scope, due_at, month_start, month_end, fired_at, reps, target, expected, delivered, verdict";
    private static final String QUALIFIED_LEAD_COLUMNS = "lead_id, qualified_at, segment, team, disqualified_at";

    private final EntityManager em;
    private final MarketingCommitment commitment;
    private final Outbox outbox;
    private final Clock clock;

    CommitmentTracker(EntityManager em, MarketingCommitment commitment, Outbox outbox, Clock clock) {
        this.em = em;
        this.commitment = commitment;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A scope's month and the checkpoints whose count it changes: those after {@code after}. */
    private record Recount(String scope, Instant monthStart, Instant after) {}

    /**
     * Records what the leads' current states deliver and who their reps are, in the caller's
     * transaction (which holds the leads' rows). A change to a lead already counted by a fired
     * checkpoint of its month (a late conversion, a new team, a disqualification) marks that
     * checkpoint for a recount, until the month has ended and the disqualification window passed.
     */
    public void track(Connection connection, Collection<LeadSlaState> states, Instant now) throws SQLException {
        Map<String, QualifiedLead> before = load(connection, states);
        List<QualifiedLead> changed = new ArrayList<>();
        Set<Recount> recounts = new HashSet<>();
        for (LeadSlaState state : states) {
            Optional<QualifiedLead> lead = QualifiedLead.of(state, commitment.qualifyingStage());
            QualifiedLead old = before.get(state.leadId);
            if (lead.isPresent() && !lead.get().equals(old)) {
                changed.add(lead.get());
                recounts(lead.get(), now, recounts);
                if (old != null) {
                    recounts(old, now, recounts);
                }
            }
        }
        store(connection, changed);
        roster(connection, states);
        markForRecount(connection, recounts);
    }

    private Map<String, QualifiedLead> load(Connection connection, Collection<LeadSlaState> states)
            throws SQLException {
        Map<String, QualifiedLead> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + QUALIFIED_LEAD_COLUMNS + " FROM qualified_lead WHERE lead_id = ANY (?)")) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "varchar", states.stream().map(s -> s.leadId).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    QualifiedLead lead = qualifiedLead(rs);
                    found.put(lead.leadId(), lead);
                }
            }
        }
        return found;
    }

    private void recounts(QualifiedLead lead, Instant now, Set<Recount> into) {
        CheckpointSchedule schedule = commitment.schedule();
        if (!now.isBefore(schedule.monthEndOf(lead.qualifiedAt()).plus(commitment.disqualificationWindow()))) {
            return; // the month is settled
        }
        Instant month = schedule.monthStartOf(lead.qualifiedAt());
        into.add(new Recount(MarketingCommitment.segmentScope(lead.segment()), month, lead.qualifiedAt()));
        if (lead.team() != null) {
            into.add(new Recount(MarketingCommitment.teamScope(lead.team()), month, lead.qualifiedAt()));
        }
    }

    private static void store(Connection connection, List<QualifiedLead> leads) throws SQLException {
        if (leads.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO qualified_lead (" + QUALIFIED_LEAD_COLUMNS + ") VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (lead_id) DO UPDATE SET qualified_at = EXCLUDED.qualified_at,"
                        + " segment = EXCLUDED.segment, team = EXCLUDED.team, disqualified_at = EXCLUDED.disqualified_at")) {
            for (QualifiedLead lead : leads) {
                upsert.setString(1, lead.leadId());
                upsert.setObject(2, utc(lead.qualifiedAt()));
                upsert.setString(3, lead.segment().name());
                upsert.setString(4, lead.team());
                upsert.setObject(5, lead.disqualifiedAt() == null ? null : utc(lead.disqualifiedAt()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * Every owner assignment makes its rep one of the team's and of the lead's segment's reps. The
     * stored span is widened in the statement itself (LEAST, GREATEST): instances that assign the
     * same rep at once each widen the row under its lock, and neither loses the other's.
     */
    private static void roster(Connection connection, Collection<LeadSlaState> states) throws SQLException {
        // sorted by scope and rep, so concurrent transactions lock rows in one order
        Map<List<String>, RepSpan> reps = new TreeMap<>(
                Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        for (LeadSlaState state : states) {
            Optional<Segment> segment = state.stages.stream()
                    .max(Comparator.comparing(LeadSlaState.StageMark::stage))
                    .map(LeadSlaState.StageMark::segment);
            for (LeadSlaState.OwnerMark owner : state.owners) {
                if (owner.ownerId() == null) {
                    continue;
                }
                if (owner.team() != null) {
                    span(reps, RepSpan.at(MarketingCommitment.teamScope(owner.team()), owner.ownerId(), owner.at()));
                }
                if (segment.isPresent()) {
                    span(
                            reps,
                            RepSpan.at(MarketingCommitment.segmentScope(segment.get()), owner.ownerId(), owner.at()));
                }
            }
        }
        if (reps.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO commitment_rep (scope, owner_id, first_assigned_at, last_assigned_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (scope, owner_id) DO UPDATE SET"
                        + " first_assigned_at = LEAST(commitment_rep.first_assigned_at, EXCLUDED.first_assigned_at),"
                        + " last_assigned_at = GREATEST(commitment_rep.last_assigned_at, EXCLUDED.last_assigned_at)"
                        + " WHERE EXCLUDED.first_assigned_at < commitment_rep.first_assigned_at"
                        + " OR EXCLUDED.last_assigned_at > commitment_rep.last_assigned_at")) {
            for (RepSpan rep : reps.values()) {
                upsert.setString(1, rep.scope());
                upsert.setString(2, rep.ownerId());
                upsert.setObject(3, utc(rep.firstAssignedAt()));
                upsert.setObject(4, utc(rep.lastAssignedAt()));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static void span(Map<List<String>, RepSpan> reps, RepSpan assignment) {
        reps.merge(List.of(assignment.scope(), assignment.ownerId()), assignment, RepSpan::union);
    }

    /** Marks the fired checkpoints after each change for a recount (those not yet marked). */
    private static void markForRecount(Connection connection, Set<Recount> recounts) throws SQLException {
        if (recounts.isEmpty()) {
            return;
        }
        List<Recount> ordered = new ArrayList<>(recounts);
        ordered.sort(Comparator.comparing(Recount::scope).thenComparing(Recount::monthStart));
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE commitment_checkpoint SET recount = TRUE WHERE scope = ? AND month_start = ? AND due_at > ?"
                        + " AND fired_at IS NOT NULL AND NOT recount")) {
            for (Recount r : ordered) {
                mark.setString(1, r.scope());
                mark.setObject(2, utc(r.monthStart()));
                mark.setObject(3, utc(r.after()));
                mark.addBatch();
            }
            mark.executeBatch();
        }
    }

    /**
     * Makes sure every active scope (configured, or a team named in an assignment within the roster
     * window) has its next checkpoint stored, and drops pending checkpoints of a schedule no longer
     * configured. Safe to run on every instance at once.
     */
    @Transactional
    public void schedule() {
        em.unwrap(Session.class).doWork(connection -> {
            Instant now = clock.instant();
            Instant next = commitment.schedule().next(now);
            Set<String> scopes = new TreeSet<>();
            commitment.configuredScopes().forEach(s -> scopes.add(s.key()));
            if (commitment.discoverTeams()) {
                scopes.addAll(teamsAssignedSince(connection, now.minus(commitment.rosterWindow())));
            }
            try (PreparedStatement stale = connection.prepareStatement(
                    "DELETE FROM commitment_checkpoint WHERE scope = ? AND fired_at IS NULL AND due_at > ? AND due_at <> ?")) {
                for (String scope : scopes) {
                    stale.setString(1, scope);
                    stale.setObject(2, utc(now));
                    stale.setObject(3, utc(next));
                    stale.addBatch();
                }
                stale.executeBatch();
            }
            insertCheckpoints(connection, scopes, next);
        });
    }

    /** The team scopes with a lead assigned at or after {@code since}. */
    private static Set<String> teamsAssignedSince(Connection connection, Instant since) throws SQLException {
        Set<String> teams = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT scope FROM commitment_rep WHERE scope LIKE ? AND last_assigned_at >= ?")) {
            select.setString(1, MarketingCommitment.TEAM + "%");
            select.setObject(2, utc(since));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    teams.add(rs.getString("scope"));
                }
            }
        }
        return teams;
    }

    private void insertCheckpoints(Connection connection, Collection<String> scopes, Instant due) throws SQLException {
        if (scopes.isEmpty()) {
            return;
        }
        CheckpointSchedule schedule = commitment.schedule();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO commitment_checkpoint (scope, due_at, month_start, month_end) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            for (String scope : scopes) {
                insert.setString(1, scope);
                insert.setObject(2, utc(due));
                insert.setObject(3, utc(schedule.periodStart(due)));
                insert.setBoolean(4, schedule.isMonthEnd(due));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Claims up to {@code limit} due checkpoints and checkpoints waiting for a recount that no other
     * transaction holds, counts them, emits a shortfall breach or its retraction where the verdict
     * calls for one, writes every count of a known scope to the {@code commitment_event} outbox,
     * and stores the next checkpoint of each scope still active.
     *
     * @return how many checkpoints were counted
     */
    @Transactional
    public int fireDue(int limit) {
        return em.unwrap(Session.class).doReturningWork(connection -> fireDue(connection, limit));
    }

    private int fireDue(Connection connection, int limit) throws SQLException {
        // PostgreSQL keeps microseconds: the published count says the same time as the stored one.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CheckpointCounter counter = commitment.counter();
        List<Checkpoint> claimed = new ArrayList<>();
        claimed.addAll(claim(
                connection,
                "WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED",
                now,
                limit));
        claimed.addAll(claim(
                connection,
                "WHERE recount AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED",
                now,
                limit));
        List<SlaEvent> emitted = new ArrayList<>();
        List<CommitmentCheckpoint> counts = new ArrayList<>();
        List<Checkpoint> stored = new ArrayList<>();
        Map<Instant, List<String>> successors = new TreeMap<>();
        Map<String, List<RepSpan>> rosters = new HashMap<>();
        for (Checkpoint c : claimed) {
            Optional<MarketingCommitment.Scope> scope = commitment.scope(c.scope());
            // only a first count needs the roster: a recount keeps the reps it had
            boolean first = c.firedAt() == null || c.verdict() == null;
            List<RepSpan> roster = scope.isPresent() && first ? rosters.get(c.scope()) : List.of();
            if (roster == null) {
                roster = reps(connection, c.scope());
                rosters.put(c.scope(), roster);
            }
            List<QualifiedLead> leads =
                    scope.isEmpty() ? List.of() : qualifiedLeads(connection, scope.get(), c.dueAt());
            CheckpointCounter.Counted counted = counter.count(c, scope, roster, leads, now);
            stored.add(counted.checkpoint());
            if (counted.checkpoint().verdict() != null) {
                CommitmentCheckpoint count = published(counted.checkpoint(), now);
                counts.add(count);
                counted.emit().ifPresent(kind -> emitted.add(shortfall(kind, count)));
            }
            if (c.firedAt() == null
                    && counted.checkpoint().verdict() != null
                    && counter.goesOn(commitment.isConfigured(c.scope()), roster, c.dueAt())) {
                successors
                        .computeIfAbsent(commitment.schedule().next(c.dueAt()), due -> new ArrayList<>())
                        .add(c.scope());
            }
        }
        update(connection, stored);
        for (Map.Entry<Instant, List<String>> next : successors.entrySet()) {
            insertCheckpoints(connection, next.getValue(), next.getKey());
        }
        outbox.insert(connection, emitted);
        outbox.insertCheckpoints(connection, counts);
        return claimed.size();
    }

    private static List<Checkpoint> claim(Connection connection, String where, Instant now, int limit)
            throws SQLException {
        try (PreparedStatement claim =
                connection.prepareStatement("SELECT " + CHECKPOINT_COLUMNS + " FROM commitment_checkpoint " + where)) {
            claim.setObject(1, utc(now));
            claim.setInt(2, limit);
            return checkpoints(claim);
        }
    }

    /** The scope's reps: a scope has tens of them, never a table's worth. */
    private static List<RepSpan> reps(Connection connection, String scope) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT scope, owner_id, first_assigned_at, last_assigned_at FROM commitment_rep WHERE scope = ?")) {
            select.setString(1, scope);
            List<RepSpan> reps = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    reps.add(new RepSpan(
                            rs.getString("scope"),
                            rs.getString("owner_id"),
                            instant(rs, "first_assigned_at"),
                            instant(rs, "last_assigned_at")));
                }
            }
            return reps;
        }
    }

    /** The leads of the scope qualified in the checkpoint's month before it (an indexed range). */
    private List<QualifiedLead> qualifiedLeads(Connection connection, MarketingCommitment.Scope scope, Instant dueAt)
            throws SQLException {
        String column = scope.team() != null ? "team" : "segment";
        try (PreparedStatement select = connection.prepareStatement("SELECT " + QUALIFIED_LEAD_COLUMNS
                + " FROM qualified_lead WHERE " + column + " = ? AND qualified_at >= ? AND qualified_at < ?")) {
            select.setString(
                    1, scope.team() != null ? scope.team() : scope.segment().name());
            select.setObject(2, utc(commitment.schedule().periodStart(dueAt)));
            select.setObject(3, utc(dueAt));
            List<QualifiedLead> leads = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    leads.add(qualifiedLead(rs));
                }
            }
            return leads;
        }
    }

    private static void update(Connection connection, List<Checkpoint> counted) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE commitment_checkpoint SET fired_at = ?, reps = ?, target = ?, expected = ?, delivered = ?,"
                        + " verdict = ?, recount = FALSE WHERE scope = ? AND due_at = ?")) {
            for (Checkpoint c : counted) {
                update.setObject(1, utc(c.firedAt()));
                update.setObject(2, c.reps());
                update.setObject(3, c.target());
                update.setObject(4, c.expected());
                update.setObject(5, c.delivered());
                update.setString(6, c.verdict() == null ? null : c.verdict().name());
                update.setString(7, c.scope());
                update.setObject(8, utc(c.dueAt()));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** A count as it goes out on marketing.commitments.v1: what the checkpoint's row now holds. */
    private CommitmentCheckpoint published(Checkpoint counted, Instant now) {
        MarketingCommitment.Scope scope = commitment.scope(counted.scope()).orElseThrow();
        return new CommitmentCheckpoint(
                SlaIds.checkpointEventId(counted.scope(), counted.dueAt(), now),
                counted.scope(),
                scope.team(),
                scope.segment(),
                counted.monthStart(),
                counted.dueAt(),
                counted.monthEnd(),
                now,
                counted.reps(),
                counted.target(),
                counted.expected(),
                counted.delivered(),
                Math.max(0, counted.expected() - counted.delivered()),
                CheckpointVerdict.valueOf(counted.verdict().name()),
                commitment.policyId(),
                commitment.version());
    }

    /** The shortfall event a count calls for, stating that count. */
    private static SlaEvent shortfall(SlaEventKind kind, CommitmentCheckpoint count) {
        String breachId = SlaIds.breachId(count.scope(), SlaRule.LEAD_VOLUME_SHORTFALL, count.dueAt());
        String eventId = SlaIds.eventId(breachId, kind);
        return switch (kind) {
            case BREACH -> SlaEvent.shortfallBreach(eventId, breachId, count);
            case RETRACTION -> SlaEvent.shortfallRetraction(eventId, breachId, count);
            case WARNING, ESCALATION, RESOLUTION, UNKNOWN ->
                throw new IllegalArgumentException("a checkpoint count does not emit " + kind);
        };
    }

    /** The earliest pending checkpoint, to know how long the scanner may sleep. */
    @Transactional
    public Optional<Instant> nextDue() {
        Object next = em.createNativeQuery(
                        "SELECT min(due_at) FROM commitment_checkpoint WHERE fired_at IS NULL", Instant.class)
                .getSingleResult();
        return Optional.ofNullable((Instant) next);
    }

    /** The checkpoints of the month that starts at {@code monthStart}, by scope and due time. */
    @Transactional
    public List<Checkpoint> checkpoints(Instant monthStart, String scope) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + CHECKPOINT_COLUMNS
                    + " FROM commitment_checkpoint WHERE month_start = ? AND (CAST(? AS VARCHAR) IS NULL OR scope = ?)"
                    + " ORDER BY scope, due_at")) {
                select.setObject(1, utc(monthStart));
                select.setString(2, scope);
                select.setString(3, scope);
                return checkpoints(select);
            }
        });
    }

    private static List<Checkpoint> checkpoints(PreparedStatement select) throws SQLException {
        List<Checkpoint> found = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                String verdict = rs.getString("verdict");
                found.add(new Checkpoint(
                        rs.getString("scope"),
                        instant(rs, "due_at"),
                        instant(rs, "month_start"),
                        rs.getBoolean("month_end"),
                        instant(rs, "fired_at"),
                        rs.getObject("reps", Integer.class),
                        rs.getObject("target", Long.class),
                        rs.getObject("expected", Long.class),
                        rs.getObject("delivered", Long.class),
                        verdict == null ? null : Verdict.valueOf(verdict)));
            }
        }
        return found;
    }

    private static QualifiedLead qualifiedLead(ResultSet rs) throws SQLException {
        return new QualifiedLead(
                rs.getString("lead_id"),
                instant(rs, "qualified_at"),
                Segment.valueOf(rs.getString("segment")),
                rs.getString("team"),
                instant(rs, "disqualified_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
