package dev.leadpact.reporting.evaluation;

import dev.leadpact.events.CheckpointVerdict;
import dev.leadpact.reporting.facts.Jdbc;
import dev.leadpact.reporting.period.Buckets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Marketing's delivery against its lead commitment, exactly as sla-monitor-service counted it at its
 * pacing checkpoints ({@code marketing.commitments.v1}, {@code GET /sla/commitments}): this service
 * does not count qualified leads again, so the two can never disagree. A bucket shows, per scope,
 * the latest checkpoint that fell due in it (after its start, up to and including its end): for a
 * month its month's-end verdict, for a week the month-to-date pacing at the week's end.
 */
final class MarketingDelivery {
    static final String ALL = "all";

    private MarketingDelivery() {}

    /**
     * One scope's delivery in a bucket.
     *
     * @param expected what was due by the checkpoint (the commitment pro rata; the whole month's at its end)
     * @param met the monitor's verdict: not short (met, or a shortfall later disproved)
     */
    record Delivery(long delivered, long expected, boolean met) {}

    /**
     * Per bucket, the delivery of each scope ({@code team:<team>}, {@code segment:<SEGMENT>}) and
     * {@code all}: the sum over the teams (over the segments when there is no team). Scopes sorted.
     */
    static List<Map<String, Delivery>> perBucket(Connection connection, Buckets buckets) throws SQLException {
        List<Map<String, Delivery>> result = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            result.add(new TreeMap<>());
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT DISTINCT ON (bucket, scope)"
                + " width_bucket(due_at - interval '1 microsecond', " + Buckets.EDGES + ") AS bucket, scope, team,"
                + " expected, delivered, verdict FROM commitment_checkpoint WHERE due_at > ? AND due_at <= ?"
                + " ORDER BY bucket, scope, due_at DESC")) {
            select.setArray(1, connection.createArrayOf("text", buckets.sqlEdges()));
            Jdbc.setInstant(select, 2, buckets.start());
            Jdbc.setInstant(select, 3, buckets.end());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.get(rs.getInt("bucket") - 1)
                            .put(
                                    rs.getString("scope"),
                                    new Delivery(
                                            rs.getLong("delivered"),
                                            rs.getLong("expected"),
                                            CheckpointVerdict.valueOf(rs.getString("verdict"))
                                                    != CheckpointVerdict.SHORT));
                }
            }
        }
        for (Map<String, Delivery> scopes : result) {
            boolean teams = scopes.keySet().stream().anyMatch(s -> s.startsWith("team:"));
            long delivered = 0;
            long expected = 0;
            for (Map.Entry<String, Delivery> scope : scopes.entrySet()) {
                if (scope.getKey().startsWith(teams ? "team:" : "segment:")) {
                    delivered += scope.getValue().delivered();
                    expected += scope.getValue().expected();
                }
            }
            if (!scopes.isEmpty()) {
                scopes.put(ALL, new Delivery(delivered, expected, delivered >= expected));
            }
        }
        return result;
    }
}
