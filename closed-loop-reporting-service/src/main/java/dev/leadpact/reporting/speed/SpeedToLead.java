package dev.leadpact.reporting.speed;

import dev.leadpact.events.Stage;
import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.period.Buckets;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.problem.ReportTooLargeException;
import dev.leadpact.reporting.readmodel.Queries;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Conversion to first attempt, per owner, segment or source, from {@code lead_summary}: the leads
 * that first reached the stage in the range are an index range, and median and p90 are computed by
 * PostgreSQL over them.
 */
@ApplicationScoped
public class SpeedToLead {
    static final String NONE = "(none)";

    private final Queries queries;
    private final ReportingConfig config;

    SpeedToLead(Queries queries, ReportingConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public Duration deadline(Stage stage) {
        return stage == Stage.SQL
                ? config.speed().sqlDeadline()
                : config.speed().mqlDeadline();
    }

    public SpeedToLeadReport report(Stage stage, SpeedGrouping grouping, DateRange range) {
        long deadline = deadline(stage).toSeconds();
        String group =
                switch (grouping) {
                    case OWNER -> "owner_id";
                    case SEGMENT -> prefix(stage) + "segment";
                    case SOURCE -> prefix(stage) + "source";
                };
        int maxRows = config.maxRows();
        List<SpeedToLeadRow> rows = queries.read(connection -> {
            List<SpeedToLeadRow> found = new ArrayList<>();
            try (PreparedStatement select =
                    connection.prepareStatement(stats(stage, "coalesce(" + group + ", '" + NONE + "')") + " LIMIT ?")) {
                select.setLong(1, deadline);
                select.setLong(2, deadline);
                range(select, 3, range.start(), range.end());
                select.setInt(5, maxRows + 1);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        SpeedStats s = stats(rs);
                        found.add(new SpeedToLeadRow(
                                rs.getString("g"),
                                s.leads(),
                                s.contacted(),
                                s.medianSeconds(),
                                s.p90Seconds(),
                                deadline,
                                s.withinDeadline(),
                                Ratios.of(s.withinDeadline(), s.leads()),
                                s.medianBusinessSeconds(),
                                s.p90BusinessSeconds(),
                                s.withinDeadlineBusiness(),
                                Ratios.of(s.withinDeadlineBusiness(), s.leads())));
                    }
                }
            }
            return found;
        });
        if (rows.size() > maxRows) {
            throw new ReportTooLargeException(maxRows);
        }
        rows.sort(Comparator.comparing(SpeedToLeadRow::groupValue));
        return new SpeedToLeadReport(
                stage.name(),
                grouping.name().toLowerCase(Locale.ROOT),
                range.from(),
                range.to(),
                range.zone().getId(),
                rows);
    }

    /** All leads of the range in one distribution, for the dashboard's chart. */
    public SpeedDistributionReport distribution(Stage stage, DateRange range, ResponseClock clock) {
        long deadline = deadline(stage).toSeconds();
        List<Long> bounds = ResponseBuckets.upperBounds(deadline);
        return queries.read(connection -> {
            SpeedStats total = SpeedStats.NONE;
            try (PreparedStatement select = connection.prepareStatement(stats(stage, "0"))) {
                select.setLong(1, deadline);
                select.setLong(2, deadline);
                range(select, 3, range.start(), range.end());
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        total = stats(rs);
                    }
                }
            }
            String seconds = prefix(stage) + (clock == ResponseClock.WALL ? "response_seconds" : "business_seconds");
            long[] counts = new long[bounds.size() + 1];
            long contacted = 0;
            try (PreparedStatement select = connection.prepareStatement("SELECT width_bucket(" + seconds
                    + ", ?::bigint[]) AS bucket, count(*) AS leads FROM lead_summary WHERE " + at(stage)
                    + " >= ? AND " + at(stage) + " < ? AND " + seconds + " IS NOT NULL GROUP BY bucket")) {
                select.setArray(
                        1,
                        connection.createArrayOf(
                                "bigint", bounds.stream().map(b -> b + 1).toArray()));
                range(select, 2, range.start(), range.end());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        counts[rs.getInt("bucket")] = rs.getLong("leads");
                        contacted += rs.getLong("leads");
                    }
                }
            }
            return new SpeedDistributionReport(
                    stage.name(),
                    range.from(),
                    range.to(),
                    range.zone().getId(),
                    deadline,
                    total.leads(),
                    total.contacted(),
                    total.medianSeconds(),
                    total.p90Seconds(),
                    total.withinDeadline(),
                    clock.name().toLowerCase(Locale.ROOT),
                    total.medianBusinessSeconds(),
                    total.p90BusinessSeconds(),
                    total.withinDeadlineBusiness(),
                    ResponseBuckets.rows(counts, total.leads() - contacted, deadline));
        });
    }

    /** The statistics of each bucket's leads that first reached {@code stage}, in bucket order. */
    public SpeedStats[] perBucket(Connection connection, Stage stage, Buckets buckets) throws SQLException {
        long deadline = deadline(stage).toSeconds();
        SpeedStats[] result = new SpeedStats[buckets.size()];
        java.util.Arrays.fill(result, SpeedStats.NONE);
        try (PreparedStatement select =
                connection.prepareStatement(stats(stage, "width_bucket(" + at(stage) + ", " + Buckets.EDGES + ")"))) {
            select.setLong(1, deadline);
            select.setLong(2, deadline);
            select.setArray(3, connection.createArrayOf("text", buckets.sqlEdges()));
            range(select, 4, buckets.start(), buckets.end());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result[rs.getInt("g") - 1] = stats(rs);
                }
            }
        }
        return result;
    }

    /**
     * The statistics per {@code group}. Parameters: the deadline twice (1, 2), what {@code group}
     * needs, then the range's start and end. Each clock's response times are sorted once, into an
     * array: the median is the mean of its middle two elements (one for an odd count), rounded down
     * (integer division of non-negative seconds); p90 is the element of nearest rank, ceil(0.9 n).
     * Two ordered-set aggregates per clock would sort the same values twice.
     */
    private static String stats(Stage stage, String group) {
        String p = prefix(stage);
        return "SELECT g, leads, contacted, within, within_b,"
                + " (r[(contacted + 1) / 2] + r[(contacted + 2) / 2]) / 2 AS median,"
                + " r[ceil(0.9 * contacted)::int] AS p90,"
                + " (b[(contacted_b + 1) / 2] + b[(contacted_b + 2) / 2]) / 2 AS median_b,"
                + " b[ceil(0.9 * contacted_b)::int] AS p90_b"
                + " FROM (SELECT g, count(*) AS leads, count(r) AS contacted, count(b) AS contacted_b,"
                + " count(*) FILTER (WHERE r <= ?) AS within, count(*) FILTER (WHERE b <= ?) AS within_b,"
                + " array_agg(r ORDER BY r) FILTER (WHERE r IS NOT NULL) AS r,"
                + " array_agg(b ORDER BY b) FILTER (WHERE b IS NOT NULL) AS b"
                + " FROM (SELECT " + group + " AS g, " + p + "response_seconds AS r, " + p + "business_seconds AS b"
                + " FROM lead_summary WHERE " + at(stage) + " >= ? AND " + at(stage) + " < ?) AS leads GROUP BY g)"
                + " AS sorted";
    }

    private static SpeedStats stats(ResultSet rs) throws SQLException {
        return new SpeedStats(
                rs.getLong("leads"),
                rs.getLong("contacted"),
                seconds(rs, "median"),
                seconds(rs, "p90"),
                rs.getLong("within"),
                seconds(rs, "median_b"),
                seconds(rs, "p90_b"),
                rs.getLong("within_b"));
    }

    private static Long seconds(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String prefix(Stage stage) {
        return stage == Stage.SQL ? "sql_" : "mql_";
    }

    private static String at(Stage stage) {
        return "first_" + prefix(stage) + "at";
    }

    private static void range(PreparedStatement select, int first, java.time.Instant start, java.time.Instant end)
            throws SQLException {
        select.setObject(first, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
        select.setObject(first + 1, OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
    }
}
