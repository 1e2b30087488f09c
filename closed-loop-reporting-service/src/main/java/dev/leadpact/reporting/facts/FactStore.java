package dev.leadpact.reporting.facts;

import static dev.leadpact.reporting.facts.Jdbc.instant;
import static dev.leadpact.reporting.facts.Jdbc.name;
import static dev.leadpact.reporting.facts.Jdbc.setInstant;
import static dev.leadpact.reporting.facts.Jdbc.setInteger;
import static dev.leadpact.reporting.facts.Jdbc.setLong;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.ContactChannel;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.lead.LeadHistory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The facts in PostgreSQL, a batch at a time on the caller's connection (and transaction): one
 * statement per table per batch, never one round trip per event. Every event id is claimed in
 * {@code processed_event} first, so a redelivered, replayed or concurrently duplicated event is
 * stored once.
 */
public final class FactStore {
    private FactStore() {}

    /**
     * Inserts the event ids not seen before and returns them. ON CONFLICT makes a concurrent duplicate
     * wait for the first transaction and then see it; the ids go in sorted order, so two batches that
     * share ids never wait on each other in a cycle.
     */
    public static Set<String> claim(Connection connection, Collection<String> eventIds) throws SQLException {
        Set<String> claimed = new HashSet<>();
        if (eventIds.isEmpty()) {
            return claimed;
        }
        try (PreparedStatement claim =
                connection.prepareStatement("INSERT INTO processed_event (event_id, processed_at)"
                        + " SELECT id, now() FROM unnest(?) AS t(id) ORDER BY id"
                        + " ON CONFLICT DO NOTHING RETURNING event_id")) {
            claim.setArray(1, Jdbc.texts(connection, new TreeSet<>(eventIds)));
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getString(1));
                }
            }
        }
        return claimed;
    }

    public static void insertConversions(Connection connection, List<ConversionEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO touchpoint (event_id, lead_id,"
                + " occurred_at, stage, segment, journey_phase, offer, form_id, channel, utm_source, utm_medium,"
                + " utm_campaign, utm_term, utm_content, landing_page, page_url, referrer, company, employees,"
                + " country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ConversionEvent e : events) {
                insert.setString(1, e.eventId());
                insert.setString(2, e.leadId());
                setInstant(insert, 3, e.occurredAt());
                insert.setString(4, name(e.stage()));
                insert.setString(5, name(e.segment()));
                insert.setString(6, name(e.journeyPhase()));
                insert.setString(7, e.offer());
                insert.setString(8, e.formId());
                insert.setString(9, e.channel());
                insert.setString(10, e.utm() == null ? null : e.utm().source());
                insert.setString(11, e.utm() == null ? null : e.utm().medium());
                insert.setString(12, e.utm() == null ? null : e.utm().campaign());
                insert.setString(13, e.utm() == null ? null : e.utm().term());
                insert.setString(14, e.utm() == null ? null : e.utm().content());
                insert.setString(15, e.landingPage());
                insert.setString(16, e.pageUrl());
                insert.setString(17, e.referrer());
                insert.setString(18, e.company());
                setInteger(insert, 19, e.employees());
                insert.setString(20, e.country());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    public static void insertActivities(Connection connection, List<SalesActivity> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO sales_activity (event_id, lead_id,"
                + " occurred_at, activity_type, rep_id, contact_channel, outcome, status, reason, owner_id,"
                + " manager_id, team) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SalesActivity event : events) {
                Activity a = Activity.of(event);
                insert.setString(1, a.eventId);
                insert.setString(2, a.leadId);
                setInstant(insert, 3, a.occurredAt);
                insert.setString(4, name(a.type));
                insert.setString(5, a.repId);
                insert.setString(6, name(a.contactChannel));
                insert.setString(7, name(a.outcome));
                insert.setString(8, name(a.status));
                insert.setString(9, a.reason);
                insert.setString(10, a.ownerId);
                insert.setString(11, a.managerId);
                insert.setString(12, a.team);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Stores each deal's latest close (by close time, then event id), whatever order the closes
     * arrive in; a deal is kept whether or not its lead is known yet.
     */
    public static void upsertDeals(Connection connection, List<DealClosed> events) throws SQLException {
        Map<String, DealClosed> latest = new java.util.TreeMap<>();
        for (DealClosed e : events) {
            latest.merge(e.dealId(), e, (a, b) -> isLater(b, a) ? b : a);
        }
        if (latest.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO deal (deal_id, event_id, lead_id,"
                + " outcome, amount, currency, closed_at, owner_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (deal_id) DO UPDATE SET event_id = EXCLUDED.event_id, lead_id = EXCLUDED.lead_id,"
                + " outcome = EXCLUDED.outcome, amount = EXCLUDED.amount, currency = EXCLUDED.currency,"
                + " closed_at = EXCLUDED.closed_at, owner_id = EXCLUDED.owner_id"
                + " WHERE (EXCLUDED.closed_at, EXCLUDED.event_id) > (deal.closed_at, deal.event_id)")) {
            for (DealClosed e : latest.values()) {
                upsert.setString(1, e.dealId());
                upsert.setString(2, e.eventId());
                upsert.setString(3, e.leadId());
                upsert.setString(4, e.outcome().name());
                upsert.setBigDecimal(5, e.amount() == null ? BigDecimal.ZERO : e.amount());
                upsert.setString(6, e.currency());
                setInstant(upsert, 7, e.closedAt());
                upsert.setString(8, e.ownerId());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private static boolean isLater(DealClosed a, DealClosed b) {
        int byTime = a.closedAt().compareTo(b.closedAt());
        return byTime > 0 || (byTime == 0 && a.eventId().compareTo(b.eventId()) > 0);
    }

    public static void insertSlaEvents(Connection connection, List<SlaEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sla_event (event_id, breach_id, kind,"
                        + " rule, lead_id, owner_id, manager_id, segment, stage, due_at, detected_at, late_by_seconds,"
                        + " attempts_made, attempts_required, response_time_seconds, team, policy_id, policy_version,"
                        + " delivered, expected, gap) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SlaEvent e : events) {
                insert.setString(1, e.eventId());
                insert.setString(2, e.breachId());
                insert.setString(3, e.kind().name());
                insert.setString(4, e.rule().name());
                insert.setString(5, e.leadId());
                insert.setString(6, e.ownerId());
                insert.setString(7, e.managerId());
                insert.setString(8, name(e.segment()));
                insert.setString(9, name(e.stage()));
                setInstant(insert, 10, e.dueAt());
                setInstant(insert, 11, e.detectedAt());
                setLong(insert, 12, e.lateBySeconds());
                setInteger(insert, 13, e.attemptsMade());
                setInteger(insert, 14, e.attemptsRequired());
                setLong(insert, 15, e.responseTimeSeconds());
                insert.setString(16, e.team());
                insert.setString(17, e.policyId());
                setInteger(insert, 18, e.policyVersion());
                setInteger(insert, 19, e.delivered());
                setInteger(insert, 20, e.expected());
                setInteger(insert, 21, e.gap());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The stored facts of each lead (every lead asked for gets a history, maybe an empty one). */
    public static Map<String, LeadHistory> histories(Connection connection, Collection<String> leadIds)
            throws SQLException {
        Map<String, List<Touchpoint>> touches =
                load(connection, "touchpoint", leadIds, FactStore::touchpoint, t -> t.leadId);
        Map<String, List<Activity>> activities =
                load(connection, "sales_activity", leadIds, FactStore::activity, a -> a.leadId);
        Map<String, List<Deal>> deals = load(connection, "deal", leadIds, FactStore::deal, d -> d.leadId);
        Map<String, List<SlaRecord>> sla = load(connection, "sla_event", leadIds, FactStore::slaRecord, s -> s.leadId);
        Map<String, LeadHistory> histories = new LinkedHashMap<>();
        for (String id : new TreeSet<>(leadIds)) {
            histories.put(
                    id,
                    new LeadHistory(
                            id,
                            touches.getOrDefault(id, List.of()),
                            activities.getOrDefault(id, List.of()),
                            deals.getOrDefault(id, List.of()),
                            sla.getOrDefault(id, List.of())));
        }
        return histories;
    }

    /** SLA events in event id order after {@code afterEventId} (null: from the first), at most {@code limit}. */
    public static List<SlaRecord> slaEventsAfter(Connection connection, String afterEventId, int limit)
            throws SQLException {
        List<SlaRecord> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM sla_event"
                + " WHERE CAST(? AS VARCHAR) IS NULL OR event_id > ? ORDER BY event_id LIMIT ?")) {
            select.setString(1, afterEventId);
            select.setString(2, afterEventId);
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(slaRecord(rs));
                }
            }
        }
        return found;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> Map<String, List<T>> load(
            Connection connection,
            String table,
            Collection<String> leadIds,
            RowMapper<T> mapper,
            Function<T, String> leadOf)
            throws SQLException {
        Map<String, List<T>> byLead = new HashMap<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT * FROM " + table + " WHERE lead_id = ANY (?)")) {
            select.setArray(1, Jdbc.texts(connection, leadIds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    T row = mapper.map(rs);
                    byLead.computeIfAbsent(leadOf.apply(row), k -> new ArrayList<>())
                            .add(row);
                }
            }
        }
        return byLead;
    }

    private static Touchpoint touchpoint(ResultSet rs) throws SQLException {
        Touchpoint t = new Touchpoint();
        t.eventId = rs.getString("event_id");
        t.leadId = rs.getString("lead_id");
        t.occurredAt = instant(rs, "occurred_at");
        t.stage = Jdbc.enumOrNull(rs, "stage", Stage.class);
        t.segment = Jdbc.enumOrNull(rs, "segment", Segment.class);
        t.journeyPhase = Jdbc.enumOrNull(rs, "journey_phase", JourneyPhase.class);
        t.offer = rs.getString("offer");
        t.formId = rs.getString("form_id");
        t.channel = rs.getString("channel");
        t.utmSource = rs.getString("utm_source");
        t.utmMedium = rs.getString("utm_medium");
        t.utmCampaign = rs.getString("utm_campaign");
        t.utmTerm = rs.getString("utm_term");
        t.utmContent = rs.getString("utm_content");
        t.landingPage = rs.getString("landing_page");
        t.pageUrl = rs.getString("page_url");
        t.referrer = rs.getString("referrer");
        t.company = rs.getString("company");
        t.employees = Jdbc.intOrNull(rs, "employees");
        t.country = rs.getString("country");
        return t;
    }

    private static Activity activity(ResultSet rs) throws SQLException {
        Activity a = new Activity();
        a.eventId = rs.getString("event_id");
        a.leadId = rs.getString("lead_id");
        a.occurredAt = instant(rs, "occurred_at");
        a.type = Activity.Type.valueOf(rs.getString("activity_type"));
        a.repId = rs.getString("rep_id");
        a.contactChannel = Jdbc.enumOrNull(rs, "contact_channel", ContactChannel.class);
        a.outcome = Jdbc.enumOrNull(rs, "outcome", AttemptOutcome.class);
        a.status = Jdbc.enumOrNull(rs, "status", LeadStatus.class);
        a.reason = rs.getString("reason");
        a.ownerId = rs.getString("owner_id");
        a.managerId = rs.getString("manager_id");
        a.team = rs.getString("team");
        return a;
    }

    private static Deal deal(ResultSet rs) throws SQLException {
        Deal d = new Deal();
        d.dealId = rs.getString("deal_id");
        d.eventId = rs.getString("event_id");
        d.leadId = rs.getString("lead_id");
        d.outcome = DealOutcome.valueOf(rs.getString("outcome"));
        d.amount = rs.getBigDecimal("amount");
        d.currency = rs.getString("currency");
        d.closedAt = instant(rs, "closed_at");
        d.ownerId = rs.getString("owner_id");
        return d;
    }

    private static SlaRecord slaRecord(ResultSet rs) throws SQLException {
        SlaRecord s = new SlaRecord();
        s.eventId = rs.getString("event_id");
        s.breachId = rs.getString("breach_id");
        s.kind = SlaEventKind.valueOf(rs.getString("kind"));
        s.rule = SlaRule.valueOf(rs.getString("rule"));
        s.leadId = rs.getString("lead_id");
        s.ownerId = rs.getString("owner_id");
        s.managerId = rs.getString("manager_id");
        s.segment = Jdbc.enumOrNull(rs, "segment", Segment.class);
        s.stage = Jdbc.enumOrNull(rs, "stage", Stage.class);
        s.dueAt = instant(rs, "due_at");
        s.detectedAt = instant(rs, "detected_at");
        s.lateBySeconds = Jdbc.longOrNull(rs, "late_by_seconds");
        s.attemptsMade = Jdbc.intOrNull(rs, "attempts_made");
        s.attemptsRequired = Jdbc.intOrNull(rs, "attempts_required");
        s.responseTimeSeconds = Jdbc.longOrNull(rs, "response_time_seconds");
        s.team = rs.getString("team");
        s.delivered = Jdbc.intOrNull(rs, "delivered");
        s.expected = Jdbc.intOrNull(rs, "expected");
        s.gap = Jdbc.intOrNull(rs, "gap");
        s.policyId = rs.getString("policy_id");
        s.policyVersion = Jdbc.intOrNull(rs, "policy_version");
        return s;
    }
}
