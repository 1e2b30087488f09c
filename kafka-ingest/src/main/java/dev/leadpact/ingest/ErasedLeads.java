package dev.leadpact.ingest;

import dev.leadpact.events.LeadErased;
import dev.leadpact.events.LeadEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The record every consumer of lead events keeps of erasures ({@link LeadErased}), in its own table
 * {@code erased_lead (lead_id PRIMARY KEY, erased_at)}: which leads were erased, and up to when. An
 * event of such a lead that happened up to then is dropped, whether it comes late or from a replay
 * of the topic, so erased facts never come back; an event after it is the lead's new start. The
 * table holds no data about the person.
 */
public final class ErasedLeads {
    private ErasedLeads() {}

    /**
     * Records an erasure (a later one of the same lead moves the time on) and returns the random
     * pseudonym the caller gives the rows it keeps counting, so that nothing leads back to the lead.
     */
    public static String record(Connection connection, LeadErased erasure) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO erased_lead (lead_id, erased_at) VALUES (?, ?) ON CONFLICT (lead_id)"
                        + " DO UPDATE SET erased_at = greatest(erased_lead.erased_at, excluded.erased_at)")) {
            upsert.setString(1, erasure.leadId());
            upsert.setObject(2, OffsetDateTime.ofInstant(erasure.occurredAt(), ZoneOffset.UTC));
            upsert.executeUpdate();
        }
        return "erased-" + UUID.randomUUID();
    }

    /** The events without those of erased leads that happened up to their erasure: one query. */
    public static <E extends LeadEvent> List<E> withoutErased(Connection connection, List<E> events)
            throws SQLException {
        if (events.isEmpty()) {
            return events;
        }
        Map<String, Instant> erased =
                among(connection, events.stream().map(LeadEvent::leadId).collect(Collectors.toSet()));
        if (erased.isEmpty()) {
            return events;
        }
        return events.stream()
                .filter(e -> !erased.containsKey(e.leadId()) || e.occurredAt().isAfter(erased.get(e.leadId())))
                .toList();
    }

    private static Map<String, Instant> among(Connection connection, Collection<String> leadIds) throws SQLException {
        Map<String, Instant> erased = new HashMap<>();
        try (PreparedStatement query =
                connection.prepareStatement("SELECT lead_id, erased_at FROM erased_lead WHERE lead_id = ANY (?)")) {
            query.setArray(
                    1, connection.createArrayOf("varchar", Set.copyOf(leadIds).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    erased.put(
                            rows.getString(1),
                            rows.getObject(2, OffsetDateTime.class).toInstant());
                }
            }
        }
        return erased;
    }

    /** Runs one statement with positional parameters: the erasures' updates. */
    public static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
