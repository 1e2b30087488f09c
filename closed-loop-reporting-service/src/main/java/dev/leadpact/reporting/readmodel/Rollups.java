package dev.leadpact.reporting.readmodel;

import dev.leadpact.reporting.period.Buckets;
import dev.leadpact.reporting.readmodel.RollupDeltas.LeadCount;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Reads the lead and deal rollups per bucket: sums over the bucket's slots. */
public final class Rollups {
    private Rollups() {}

    /** The counts of one bucket, in {@link LeadCount} order. */
    public record LeadCounts(long[] counts) {
        public long get(LeadCount count) {
            return counts[count.ordinal()];
        }
    }

    /** The deals closed in one bucket. */
    public record DealTotals(long won, long lost, BigDecimal wonRevenue, BigDecimal marketingRevenue) {}

    /** Lead counts of each bucket, in bucket order. */
    public static LeadCounts[] leadCounts(Connection connection, Buckets buckets) throws SQLException {
        LeadCount[] counts = LeadCount.values();
        LeadCounts[] result = new LeadCounts[buckets.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = new LeadCounts(new long[counts.length]);
        }
        String sums = Arrays.stream(counts)
                .map(c -> "sum(" + c.column() + ") AS " + c.column())
                .collect(Collectors.joining(", "));
        try (PreparedStatement select = connection.prepareStatement("SELECT width_bucket(slot, " + Buckets.EDGES + ")"
                + " AS bucket, " + sums + " FROM lead_rollup WHERE slot >= ? AND slot < ? GROUP BY bucket")) {
            bind(connection, select, buckets);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long[] into = result[rs.getInt("bucket") - 1].counts();
                    for (LeadCount c : counts) {
                        into[c.ordinal()] = rs.getLong(c.column());
                    }
                }
            }
        }
        return result;
    }

    /**
     * Deals of each bucket, in bucket order; only those in {@code currency} when given. Amounts keep
     * the scale of the stored amounts, at least cents.
     */
    public static DealTotals[] deals(Connection connection, Buckets buckets, String currency) throws SQLException {
        DealTotals[] result = new DealTotals[buckets.size()];
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        Arrays.fill(result, new DealTotals(0, 0, zero, zero));
        try (PreparedStatement select = connection.prepareStatement("SELECT width_bucket(slot, " + Buckets.EDGES + ")"
                + " AS bucket, sum(won) AS won, sum(lost) AS lost, sum(won_revenue) AS won_revenue,"
                + " sum(marketing_revenue) AS marketing_revenue FROM deal_rollup WHERE slot >= ? AND slot < ?"
                + " AND (CAST(? AS VARCHAR) IS NULL OR currency = ?) GROUP BY bucket")) {
            bind(connection, select, buckets);
            select.setString(4, currency);
            select.setString(5, currency);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result[rs.getInt("bucket") - 1] = new DealTotals(
                            rs.getLong("won"),
                            rs.getLong("lost"),
                            cents(rs.getBigDecimal("won_revenue")),
                            cents(rs.getBigDecimal("marketing_revenue")));
                }
            }
        }
        return result;
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.scale() >= 2 ? amount : amount.setScale(2);
    }

    /** Binds the edges (1), the range's start (2) and end (3). */
    public static void bind(Connection connection, PreparedStatement select, Buckets buckets) throws SQLException {
        select.setArray(1, connection.createArrayOf("text", buckets.sqlEdges()));
        select.setObject(2, OffsetDateTime.ofInstant(buckets.start(), ZoneOffset.UTC));
        select.setObject(3, OffsetDateTime.ofInstant(buckets.end(), ZoneOffset.UTC));
    }
}
