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
import java.time.Duration;
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
 */
@ApplicationScoped
public class CommitmentTracker {
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

    /**
     * A checkpoint and, once it fired, its count.
     *
     * @param monthStart the start of the month it counts (for the month's end: the month ending)
     * @param firedAt when it was first counted
     */
    public record Checkpoint(
            String scope,
            Instant dueAt,
            Instant monthStart,
            boolean monthEnd,
            Instant firedAt,
            Integer reps,
            Long target,
            Long expected,
            Long delivered,
            Verdict verdict) {}

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
                "SELECT lead_id, qualified_at, segment, team, disqualified_at FROM qualified_lead WHERE lead_id = ANY (?)")) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "varchar", states.stream().map(s -> s.leadId).toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(
                            rs.getString(1),
                            new QualifiedLead(
                                    rs.getString(1),
                                    instant(rs.getObject(2, OffsetDateTime.class)),
                                    Segment.valueOf(rs.getString(3)),
                                    rs.getString(4),
                                    instant(rs.getObject(5, OffsetDateTime.class))));
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
                "INSERT INTO qualified_lead (lead_id, qualified_at, segment, team, disqualified_at) VALUES (?, ?, ?, ?, ?)"
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

    /** Every owner assignment makes its rep one of the team's and of the lead's segment's reps. */
    private static void roster(Connection connection, Collection<LeadSlaState> states) throws SQLException {
        // (scope, owner) -> [first, last]; sorted, so concurrent transactions lock rows in one order
        Map<List<String>, Instant[]> reps = new TreeMap<>(
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
                    span(reps, MarketingCommitment.teamScope(owner.team()), owner);
                }
                if (segment.isPresent()) {
                    span(reps, MarketingCommitment.segmentScope(segment.get()), owner);
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
            for (Map.Entry<List<String>, Instant[]> rep : reps.entrySet()) {
                upsert.setString(1, rep.getKey().get(0));
                upsert.setString(2, rep.getKey().get(1));
                upsert.setObject(3, utc(rep.getValue()[0]));
                upsert.setObject(4, utc(rep.getValue()[1]));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static void span(Map<List<String>, Instant[]> reps, String scope, LeadSlaState.OwnerMark owner) {
        Instant[] span =
                reps.computeIfAbsent(List.of(scope, owner.ownerId()), k -> new Instant[] {owner.at(), owner.at()});
        span[0] = span[0].isBefore(owner.at()) ? span[0] : owner.at();
        span[1] = span[1].isAfter(owner.at()) ? span[1] : owner.at();
    }

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
                try (PreparedStatement teams = connection.prepareStatement(
                        "SELECT DISTINCT scope FROM commitment_rep WHERE scope LIKE 'team:%' AND last_assigned_at >= ?")) {
                    teams.setObject(1, utc(now.minus(commitment.rosterWindow())));
                    try (ResultSet rs = teams.executeQuery()) {
                        while (rs.next()) {
                            scopes.add(rs.getString(1));
                        }
                    }
                }
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
        List<Checkpoint> claimed = new ArrayList<>();
        claim(
                connection,
                "WHERE fired_at IS NULL AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED",
                now,
                limit,
                claimed);
        claim(
                connection,
                "WHERE recount AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED",
                now,
                limit,
                claimed);
        List<SlaEvent> emitted = new ArrayList<>();
        List<CommitmentCheckpoint> counts = new ArrayList<>();
        Map<Instant, List<String>> successors = new TreeMap<>();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE commitment_checkpoint SET fired_at = ?, reps = ?, target = ?, expected = ?, delivered = ?,"
                        + " verdict = ?, recount = FALSE WHERE scope = ? AND due_at = ?")) {
            for (Checkpoint c : claimed) {
                Checkpoint counted = count(connection, c, now, emitted);
                if (counted.verdict() != null) {
                    counts.add(published(counted, now));
                }
                update.setObject(1, utc(counted.firedAt()));
                update.setObject(2, counted.reps());
                update.setObject(3, counted.target());
                update.setObject(4, counted.expected());
                update.setObject(5, counted.delivered());
                update.setString(
                        6, counted.verdict() == null ? null : counted.verdict().name());
                update.setString(7, c.scope());
                update.setObject(8, utc(c.dueAt()));
                update.addBatch();
                if (c.firedAt() == null && counted.verdict() != null && active(connection, c)) {
                    successors
                            .computeIfAbsent(commitment.schedule().next(c.dueAt()), due -> new ArrayList<>())
                            .add(c.scope());
                }
            }
            update.executeBatch();
        }
        for (Map.Entry<Instant, List<String>> next : successors.entrySet()) {
            insertCheckpoints(connection, next.getValue(), next.getKey());
        }
        outbox.insert(connection, emitted);
        outbox.insertCheckpoints(connection, counts);
        return claimed.size();
    }

    private static void claim(Connection connection, String where, Instant now, int limit, List<Checkpoint> into)
            throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(
                "SELECT scope, due_at, month_start, month_end, fired_at, reps, target, expected, delivered, verdict"
                        + " FROM commitment_checkpoint " + where)) {
            claim.setObject(1, utc(now));
            claim.setInt(2, limit);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    into.add(checkpoint(rs));
                }
            }
        }
    }

    /** Counts a claimed checkpoint: the first time with the reps and target of its due time. */
    private Checkpoint count(Connection connection, Checkpoint c, Instant now, List<SlaEvent> emitted)
            throws SQLException {
        Optional<MarketingCommitment.Scope> scope = commitment.scope(c.scope());
        if (scope.isEmpty()) {
            // no longer configured: nothing to count
            return new Checkpoint(
                    c.scope(), c.dueAt(), c.monthStart(), c.monthEnd(), now, null, null, null, null, null);
        }
        boolean first = c.firedAt() == null || c.verdict() == null;
        int reps = first ? reps(connection, scope.get(), c.dueAt()) : c.reps();
        long target = first ? (long) scope.get().perRep() * reps : c.target();
        long expected = first ? commitment.schedule().expected(target, c.dueAt()) : c.expected();
        long delivered = delivered(connection, scope.get(), c.dueAt());
        Verdict.Outcome outcome = Verdict.count(c.verdict(), delivered, expected);
        outcome.emit().ifPresent(kind -> emitted.add(event(scope.get(), c.dueAt(), kind, now, delivered, expected)));
        return new Checkpoint(
                c.scope(),
                c.dueAt(),
                c.monthStart(),
                c.monthEnd(),
                c.firedAt() == null ? now : c.firedAt(),
                reps,
                target,
                expected,
                delivered,
                outcome.verdict());
    }

    /**
     * The scope's reps at {@code at}: the owners assigned leads of it within the roster window, but
     * never fewer than configured (a week in which only some reps got leads owes no less).
     */
    private int reps(Connection connection, MarketingCommitment.Scope scope, Instant at) throws SQLException {
        return (int)
                Math.max(rosterAt(connection, scope.key(), at), scope.reps().orElse(0));
    }

    private long rosterAt(Connection connection, String scope, Instant at) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM commitment_rep WHERE scope = ? AND first_assigned_at < ? AND last_assigned_at >= ?")) {
            count.setString(1, scope);
            count.setObject(2, utc(at));
            count.setObject(3, utc(at.minus(commitment.rosterWindow())));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Whether the scope goes on after this checkpoint: configured, or a team with reps. */
    private boolean active(Connection connection, Checkpoint c) throws SQLException {
        return commitment.isConfigured(c.scope()) || rosterAt(connection, c.scope(), c.dueAt()) > 0;
    }

    /** Leads qualified in the checkpoint's month before it, less those disqualified within the window. */
    private long delivered(Connection connection, MarketingCommitment.Scope scope, Instant dueAt) throws SQLException {
        String column = scope.team() != null ? "team" : "segment";
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM qualified_lead WHERE "
                + column + " = ? AND qualified_at >= ? AND qualified_at < ?"
                + " AND (disqualified_at IS NULL OR disqualified_at >= qualified_at + make_interval(secs => ?))")) {
            count.setString(
                    1, scope.team() != null ? scope.team() : scope.segment().name());
            count.setObject(2, utc(commitment.schedule().periodStart(dueAt)));
            count.setObject(3, utc(dueAt));
            count.setDouble(4, commitment.disqualificationWindow().toSeconds());
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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

    private SlaEvent event(
            MarketingCommitment.Scope scope,
            Instant dueAt,
            SlaEventKind kind,
            Instant now,
            long delivered,
            long expected) {
        String breachId = SlaIds.breachId(scope.key(), SlaRule.LEAD_VOLUME_SHORTFALL, dueAt);
        return new SlaEvent(
                SlaIds.eventId(breachId, kind),
                breachId,
                kind,
                SlaRule.LEAD_VOLUME_SHORTFALL,
                scope.key(),
                null,
                null,
                scope.segment(),
                null,
                dueAt,
                now,
                kind == SlaEventKind.BREACH
                        ? Math.max(0, Duration.between(dueAt, now).toSeconds())
                        : null,
                null,
                null,
                null,
                scope.team(),
                Math.toIntExact(delivered),
                Math.toIntExact(expected),
                Math.toIntExact(Math.max(0, expected - delivered)),
                commitment.policyId(),
                commitment.version());
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
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT scope, due_at, month_start, month_end, fired_at, reps, target, expected, delivered, verdict"
                            + " FROM commitment_checkpoint WHERE month_start = ? AND (CAST(? AS VARCHAR) IS NULL OR scope = ?)"
                            + " ORDER BY scope, due_at")) {
                select.setObject(1, utc(monthStart));
                select.setString(2, scope);
                select.setString(3, scope);
                List<Checkpoint> found = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(checkpoint(rs));
                    }
                }
                return found;
            }
        });
    }

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        String verdict = rs.getString(10);
        return new Checkpoint(
                rs.getString(1),
                instant(rs.getObject(2, OffsetDateTime.class)),
                instant(rs.getObject(3, OffsetDateTime.class)),
                rs.getBoolean(4),
                instant(rs.getObject(5, OffsetDateTime.class)),
                (Integer) rs.getObject(6),
                longOrNull(rs, 7),
                longOrNull(rs, 8),
                longOrNull(rs, 9),
                verdict == null ? null : Verdict.valueOf(verdict));
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
