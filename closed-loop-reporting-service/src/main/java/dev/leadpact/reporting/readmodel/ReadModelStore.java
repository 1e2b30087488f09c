package dev.leadpact.reporting.readmodel;

import static dev.leadpact.reporting.facts.Jdbc.instant;
import static dev.leadpact.reporting.facts.Jdbc.longOrNull;
import static dev.leadpact.reporting.facts.Jdbc.name;
import static dev.leadpact.reporting.facts.Jdbc.setInstant;
import static dev.leadpact.reporting.facts.Jdbc.setLong;

import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.attribution.CreditRow;
import dev.leadpact.reporting.facts.Jdbc;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.lead.DealSummary;
import dev.leadpact.reporting.lead.LeadSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The read-model tables, a batch at a time on the caller's connection (and transaction). */
final class ReadModelStore {
    private static final List<String> MODEL_COLUMNS = Arrays.stream(AttributionModel.values())
            .map(m -> m.name().toLowerCase(java.util.Locale.ROOT))
            .toList();

    private ReadModelStore() {}

    /**
     * Gives every lead its {@code lead_summary} row and locks the rows, in lead id order, so that two
     * transactions projecting the same leads take turns and never deadlock. Returns the rows as they
     * were; a row taken after another transaction's commit is that transaction's result.
     */
    static Map<String, LeadSummary> lockLeads(Connection connection, SortedSet<String> leadIds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lead_summary (lead_id)"
                + " SELECT id FROM unnest(?) AS t(id) ORDER BY id ON CONFLICT DO NOTHING")) {
            insert.setArray(1, Jdbc.texts(connection, leadIds));
            insert.executeUpdate();
        }
        Map<String, LeadSummary> found = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM lead_summary WHERE lead_id = ANY (?) ORDER BY lead_id FOR UPDATE")) {
            select.setArray(1, Jdbc.texts(connection, leadIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    LeadSummary s = leadSummary(rs);
                    found.put(s.leadId(), s);
                }
            }
        }
        return found;
    }

    private static LeadSummary leadSummary(ResultSet rs) throws SQLException {
        return new LeadSummary(
                rs.getString("lead_id"),
                instant(rs, "first_touch_at"),
                qualified(rs, "first_mql_at", "mql_"),
                qualified(rs, "first_sql_at", "sql_"),
                rs.getBoolean("sql_contacted_in_time"),
                rs.getBoolean("sql_feedback_in_time"),
                instant(rs, "first_attempt_at"),
                instant(rs, "first_connect_at"),
                instant(rs, "meeting_at"),
                instant(rs, "given_up_at"),
                rs.getBoolean("given_up_with_minimum"),
                rs.getString("owner_id"),
                rs.getString("team"));
    }

    private static LeadSummary.Qualified qualified(ResultSet rs, String at, String prefix) throws SQLException {
        return instant(rs, at) == null
                ? null
                : new LeadSummary.Qualified(
                        instant(rs, at),
                        Jdbc.enumOrNull(rs, prefix + "segment", Segment.class),
                        rs.getString(prefix + "source"),
                        longOrNull(rs, prefix + "response_seconds"),
                        longOrNull(rs, prefix + "business_seconds"));
    }

    static void updateLeads(Connection connection, List<LeadSummary> summaries) throws SQLException {
        if (summaries.isEmpty()) {
            return;
        }
        // the rows exist (locked): an upsert rather than an UPDATE so that the driver sends a batch as
        // multi-row statements (reWriteBatchedInserts)
        try (PreparedStatement update = connection.prepareStatement("INSERT INTO lead_summary (first_touch_at,"
                + " first_mql_at, mql_segment, mql_source, mql_response_seconds, mql_business_seconds, first_sql_at,"
                + " sql_segment, sql_source, sql_response_seconds, sql_business_seconds, sql_contacted_in_time,"
                + " sql_feedback_in_time, first_attempt_at, first_connect_at, meeting_at, given_up_at,"
                + " given_up_with_minimum, owner_id, team, lead_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (lead_id) DO UPDATE"
                + " SET first_touch_at = EXCLUDED.first_touch_at, first_mql_at = EXCLUDED.first_mql_at,"
                + " mql_segment = EXCLUDED.mql_segment, mql_source = EXCLUDED.mql_source,"
                + " mql_response_seconds = EXCLUDED.mql_response_seconds,"
                + " mql_business_seconds = EXCLUDED.mql_business_seconds, first_sql_at = EXCLUDED.first_sql_at,"
                + " sql_segment = EXCLUDED.sql_segment, sql_source = EXCLUDED.sql_source,"
                + " sql_response_seconds = EXCLUDED.sql_response_seconds,"
                + " sql_business_seconds = EXCLUDED.sql_business_seconds,"
                + " sql_contacted_in_time = EXCLUDED.sql_contacted_in_time,"
                + " sql_feedback_in_time = EXCLUDED.sql_feedback_in_time, first_attempt_at = EXCLUDED.first_attempt_at,"
                + " first_connect_at = EXCLUDED.first_connect_at, meeting_at = EXCLUDED.meeting_at,"
                + " given_up_at = EXCLUDED.given_up_at, given_up_with_minimum = EXCLUDED.given_up_with_minimum,"
                + " owner_id = EXCLUDED.owner_id, team = EXCLUDED.team")) {
            for (LeadSummary s : summaries) {
                setInstant(update, 1, s.firstTouchAt());
                qualified(update, 2, s.mql());
                qualified(update, 7, s.sql());
                update.setBoolean(12, s.sqlContactedInTime());
                update.setBoolean(13, s.sqlFeedbackInTime());
                setInstant(update, 14, s.firstAttemptAt());
                setInstant(update, 15, s.firstConnectAt());
                setInstant(update, 16, s.meetingAt());
                setInstant(update, 17, s.givenUpAt());
                update.setBoolean(18, s.givenUpWithMinimum());
                update.setString(19, s.ownerId());
                update.setString(20, s.team());
                update.setString(21, s.leadId());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private static void qualified(PreparedStatement ps, int first, LeadSummary.Qualified q) throws SQLException {
        setInstant(ps, first, q == null ? null : q.at());
        ps.setString(first + 1, q == null ? null : name(q.segment()));
        ps.setString(first + 2, q == null ? null : q.source());
        setLong(ps, first + 3, q == null ? null : q.responseSeconds());
        setLong(ps, first + 4, q == null ? null : q.businessSeconds());
    }

    /** The stored deal rows of these leads, and of these deals wherever they are, by deal id. */
    static Map<String, DealSummary> deals(Connection connection, Collection<String> leadIds, Collection<String> dealIds)
            throws SQLException {
        Map<String, DealSummary> found = new HashMap<>();
        // a union, not an OR: each side is an index range whatever the planner thinks of the table
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM deal_summary WHERE lead_id = ANY (?)"
                + " UNION SELECT * FROM deal_summary WHERE deal_id = ANY (?)")) {
            select.setArray(1, Jdbc.texts(connection, leadIds));
            select.setArray(2, Jdbc.texts(connection, dealIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    DealSummary d = new DealSummary(
                            rs.getString("deal_id"),
                            rs.getString("lead_id"),
                            DealOutcome.valueOf(rs.getString("outcome")),
                            rs.getBigDecimal("amount"),
                            rs.getString("currency"),
                            instant(rs, "closed_at"),
                            rs.getBoolean("marketing_sourced"));
                    found.put(d.dealId(), d);
                }
            }
        }
        return found;
    }

    static void upsertDeals(Connection connection, List<DealSummary> deals) throws SQLException {
        if (deals.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO deal_summary (deal_id, lead_id,"
                + " outcome, amount, currency, closed_at, marketing_sourced) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (deal_id) DO UPDATE SET lead_id = EXCLUDED.lead_id, outcome = EXCLUDED.outcome,"
                + " amount = EXCLUDED.amount, currency = EXCLUDED.currency, closed_at = EXCLUDED.closed_at,"
                + " marketing_sourced = EXCLUDED.marketing_sourced")) {
            for (DealSummary d : deals) {
                upsert.setString(1, d.dealId());
                upsert.setString(2, d.leadId());
                upsert.setString(3, d.outcome().name());
                upsert.setBigDecimal(4, d.amount());
                upsert.setString(5, d.currency());
                setInstant(upsert, 6, d.closedAt());
                upsert.setBoolean(7, d.marketingSourced());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** The credit rows of these deals, by deal id, in path order. */
    static Map<String, List<CreditRow>> credits(Connection connection, Collection<String> dealIds) throws SQLException {
        Map<String, List<CreditRow>> found = new HashMap<>();
        if (dealIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT * FROM attribution_credit WHERE deal_id = ANY (?) ORDER BY deal_id, seq")) {
            select.setArray(1, Jdbc.texts(connection, dealIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    CreditRow row = creditRow(rs);
                    found.computeIfAbsent(row.dealId(), k -> new ArrayList<>()).add(row);
                }
            }
        }
        return found;
    }

    /** A credit row as stored; the credit export reads them the same way. */
    static CreditRow creditRow(ResultSet rs) throws SQLException {
        List<java.math.BigDecimal> weights = new ArrayList<>(MODEL_COLUMNS.size());
        List<java.math.BigDecimal> credits = new ArrayList<>(MODEL_COLUMNS.size());
        for (String model : MODEL_COLUMNS) {
            weights.add(rs.getBigDecimal("weight_" + model));
            credits.add(rs.getBigDecimal("credit_" + model));
        }
        return new CreditRow(
                rs.getString("deal_id"),
                rs.getInt("seq"),
                rs.getString("lead_id"),
                instant(rs, "closed_at"),
                rs.getString("currency"),
                rs.getBigDecimal("deal_amount"),
                rs.getString("touch_event_id"),
                instant(rs, "touch_occurred_at"),
                rs.getString("channel"),
                rs.getString("campaign"),
                rs.getString("offer"),
                rs.getString("source"),
                rs.getString("medium"),
                rs.getString("content"),
                rs.getString("landing_page"),
                List.copyOf(weights),
                List.copyOf(credits));
    }

    /** Replaces the credit rows of these deals by {@code rows}. */
    static void replaceCredits(Connection connection, Collection<String> dealIds, List<CreditRow> rows)
            throws SQLException {
        if (dealIds.isEmpty()) {
            return;
        }
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM attribution_credit WHERE deal_id = ANY (?)")) {
            delete.setArray(1, Jdbc.texts(connection, dealIds));
            delete.executeUpdate();
        }
        if (rows.isEmpty()) {
            return;
        }
        String models =
                MODEL_COLUMNS.stream().map(m -> "weight_" + m + ", credit_" + m).collect(Collectors.joining(", "));
        int columns = 15 + 2 * MODEL_COLUMNS.size();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attribution_credit (deal_id, seq,"
                + " lead_id, closed_at, currency, deal_amount, touch_event_id, touch_occurred_at, channel, campaign,"
                + " offer, source, medium, content, landing_page, " + models + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns, "?")) + ")")) {
            for (CreditRow r : rows) {
                insert.setString(1, r.dealId());
                insert.setInt(2, r.seq());
                insert.setString(3, r.leadId());
                setInstant(insert, 4, r.closedAt());
                insert.setString(5, r.currency());
                insert.setBigDecimal(6, r.dealAmount());
                insert.setString(7, r.touchEventId());
                setInstant(insert, 8, r.touchOccurredAt());
                insert.setString(9, r.channel());
                insert.setString(10, r.campaign());
                insert.setString(11, r.offer());
                insert.setString(12, r.source());
                insert.setString(13, r.medium());
                insert.setString(14, r.content());
                insert.setString(15, r.landingPage());
                for (int m = 0; m < MODEL_COLUMNS.size(); m++) {
                    insert.setBigDecimal(16 + 2 * m, r.weights().get(m));
                    insert.setBigDecimal(17 + 2 * m, r.credits().get(m));
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Adds the deltas to the rollups, in key order (see {@link RollupDeltas}). */
    static void apply(Connection connection, RollupDeltas deltas) throws SQLException {
        List<String> counts = Arrays.stream(RollupDeltas.LeadCount.values())
                .map(RollupDeltas.LeadCount::column)
                .toList();
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO lead_rollup (slot, "
                + String.join(", ", counts) + ") VALUES (?" + ", ?".repeat(counts.size()) + ")"
                + " ON CONFLICT (slot) DO UPDATE SET "
                + counts.stream()
                        .map(c -> c + " = lead_rollup." + c + " + EXCLUDED." + c)
                        .collect(Collectors.joining(", ")))) {
            for (Map.Entry<Instant, long[]> slot : deltas.leadSlots()) {
                setInstant(upsert, 1, slot.getKey());
                for (int i = 0; i < slot.getValue().length; i++) {
                    upsert.setLong(2 + i, slot.getValue()[i]);
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO deal_rollup (slot, currency, won,"
                + " lost, won_revenue, marketing_revenue) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slot, currency)"
                + " DO UPDATE SET won = deal_rollup.won + EXCLUDED.won, lost = deal_rollup.lost + EXCLUDED.lost,"
                + " won_revenue = deal_rollup.won_revenue + EXCLUDED.won_revenue,"
                + " marketing_revenue = deal_rollup.marketing_revenue + EXCLUDED.marketing_revenue")) {
            for (Map.Entry<RollupDeltas.DealKey, RollupDeltas.DealSums> row : deltas.dealRows()) {
                setInstant(upsert, 1, row.getKey().slot());
                upsert.setString(2, row.getKey().currency());
                upsert.setLong(3, row.getValue().won());
                upsert.setLong(4, row.getValue().lost());
                upsert.setBigDecimal(5, row.getValue().wonRevenue());
                upsert.setBigDecimal(6, row.getValue().marketingRevenue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        List<String> sums = new ArrayList<>();
        for (String m : MODEL_COLUMNS) {
            sums.addAll(List.of("revenue_" + m, "weight_" + m, "deals_" + m));
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO attribution_rollup (dimension, slot,"
                + " currency, value_key, group_value, lines, " + String.join(", ", sums) + ") VALUES (?, ?, ?,"
                + " md5(?)::uuid, ?, ?" + ", ?".repeat(sums.size()) + ")"
                + " ON CONFLICT (dimension, slot, currency, value_key) DO UPDATE SET"
                + " lines = attribution_rollup.lines + EXCLUDED.lines, "
                + sums.stream()
                        .map(c -> c + " = attribution_rollup." + c + " + EXCLUDED." + c)
                        .collect(Collectors.joining(", ")))) {
            for (Map.Entry<RollupDeltas.AttributionKey, RollupDeltas.AttributionSums> row : deltas.attributionRows()) {
                RollupDeltas.AttributionKey key = row.getKey();
                upsert.setString(1, key.dimension());
                setInstant(upsert, 2, key.slot());
                upsert.setString(3, key.currency());
                upsert.setString(4, key.groupValue());
                upsert.setString(5, key.groupValue());
                upsert.setLong(6, row.getValue().lines());
                int i = 7;
                for (AttributionModel model : AttributionModel.values()) {
                    upsert.setBigDecimal(i++, row.getValue().revenue(model));
                    upsert.setBigDecimal(i++, row.getValue().weight(model));
                    upsert.setLong(i++, row.getValue().deals(model));
                }
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * Records what breaches, escalations and retractions say about their breach: flags only ever turn
     * on, so the row does not depend on the order the events arrive in. Breach ids go in order.
     */
    static void upsertBreaches(Connection connection, List<SlaRecord> events) throws SQLException {
        Map<String, List<SlaRecord>> byBreach = new TreeMap<>();
        for (SlaRecord e : events) {
            if (e.kind == SlaEventKind.BREACH
                    || e.kind == SlaEventKind.RETRACTION
                    || e.kind == SlaEventKind.ESCALATION) {
                byBreach.computeIfAbsent(e.breachId, k -> new ArrayList<>()).add(e);
            }
        }
        if (byBreach.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO sla_breach (breach_id, rule,"
                + " lead_id, owner_id, segment, due_at, breached, retracted, escalated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (breach_id) DO UPDATE SET"
                // what the breach itself says wins over what a retraction or escalation repeats
                + " rule = CASE WHEN EXCLUDED.breached THEN EXCLUDED.rule ELSE sla_breach.rule END,"
                + " lead_id = CASE WHEN EXCLUDED.breached THEN EXCLUDED.lead_id ELSE sla_breach.lead_id END,"
                + " owner_id = CASE WHEN EXCLUDED.breached THEN EXCLUDED.owner_id ELSE sla_breach.owner_id END,"
                + " segment = CASE WHEN EXCLUDED.breached THEN EXCLUDED.segment ELSE sla_breach.segment END,"
                + " due_at = CASE WHEN EXCLUDED.breached THEN EXCLUDED.due_at ELSE sla_breach.due_at END,"
                + " breached = sla_breach.breached OR EXCLUDED.breached,"
                + " retracted = sla_breach.retracted OR EXCLUDED.retracted,"
                + " escalated = sla_breach.escalated OR EXCLUDED.escalated")) {
            for (List<SlaRecord> breach : byBreach.values()) {
                SlaRecord about = breach.stream()
                        .filter(e -> e.kind == SlaEventKind.BREACH)
                        .findFirst()
                        .orElse(breach.get(0));
                upsert.setString(1, about.breachId);
                upsert.setString(2, about.rule.name());
                upsert.setString(3, about.leadId);
                upsert.setString(4, about.ownerId);
                upsert.setString(5, name(about.segment));
                setInstant(upsert, 6, about.dueAt == null ? about.detectedAt : about.dueAt);
                upsert.setBoolean(7, breach.stream().anyMatch(e -> e.kind == SlaEventKind.BREACH));
                upsert.setBoolean(8, breach.stream().anyMatch(e -> e.kind == SlaEventKind.RETRACTION));
                upsert.setBoolean(9, breach.stream().anyMatch(e -> e.kind == SlaEventKind.ESCALATION));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Keeps the latest count (by count time, then event id) of each checkpoint. */
    static void upsertCheckpoints(Connection connection, List<CommitmentCheckpoint> counts) throws SQLException {
        Map<List<String>, CommitmentCheckpoint> latest =
                new TreeMap<>(java.util.Comparator.<List<String>, String>comparing(k -> k.get(0))
                        .thenComparing(k -> k.get(1)));
        for (CommitmentCheckpoint c : counts) {
            latest.merge(
                    List.of(c.scope(), c.dueAt().toString()),
                    c,
                    (a, b) -> (b.countedAt().compareTo(a.countedAt()) > 0
                                    || (b.countedAt().equals(a.countedAt())
                                            && b.eventId().compareTo(a.eventId()) > 0))
                            ? b
                            : a);
        }
        if (latest.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO commitment_checkpoint (scope, due_at,"
                + " event_id, team, segment, month_start, month_end, counted_at, reps, target, expected, delivered,"
                + " verdict, policy_id, policy_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (scope, due_at) DO UPDATE SET event_id = EXCLUDED.event_id, team = EXCLUDED.team,"
                + " segment = EXCLUDED.segment, month_start = EXCLUDED.month_start, month_end = EXCLUDED.month_end,"
                + " counted_at = EXCLUDED.counted_at, reps = EXCLUDED.reps, target = EXCLUDED.target,"
                + " expected = EXCLUDED.expected, delivered = EXCLUDED.delivered, verdict = EXCLUDED.verdict,"
                + " policy_id = EXCLUDED.policy_id, policy_version = EXCLUDED.policy_version"
                + " WHERE (EXCLUDED.counted_at, EXCLUDED.event_id)"
                + " > (commitment_checkpoint.counted_at, commitment_checkpoint.event_id)")) {
            for (CommitmentCheckpoint c : latest.values()) {
                upsert.setString(1, c.scope());
                setInstant(upsert, 2, c.dueAt());
                upsert.setString(3, c.eventId());
                upsert.setString(4, c.team());
                upsert.setString(5, name(c.segment()));
                setInstant(upsert, 6, c.monthStart());
                upsert.setBoolean(7, c.monthEnd());
                setInstant(upsert, 8, c.countedAt());
                upsert.setInt(9, c.reps());
                upsert.setLong(10, c.target());
                upsert.setLong(11, c.expected());
                upsert.setLong(12, c.delivered());
                upsert.setString(13, c.verdict().name());
                upsert.setString(14, c.policyId());
                Jdbc.setInteger(upsert, 15, c.policyVersion());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /** Empties every read model derived from the facts, for a rebuild. */
    static void truncate(Connection connection) throws SQLException {
        try (Statement truncate = connection.createStatement()) {
            truncate.execute("TRUNCATE lead_summary, lead_rollup, deal_summary, deal_rollup, attribution_credit,"
                    + " attribution_rollup, sla_breach");
        }
    }
}
