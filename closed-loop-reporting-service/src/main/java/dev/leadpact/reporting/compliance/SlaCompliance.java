package dev.leadpact.reporting.compliance;

import dev.leadpact.events.SlaRule;
import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.period.Buckets;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import dev.leadpact.reporting.problem.ReportTooLargeException;
import dev.leadpact.reporting.readmodel.Queries;
import dev.leadpact.reporting.readmodel.RollupDeltas;
import dev.leadpact.reporting.readmodel.RollupDeltas.LeadCount;
import dev.leadpact.reporting.readmodel.Rollups;
import dev.leadpact.reporting.readmodel.Rollups.LeadCounts;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SLA compliance from the monitor's verdicts: breaches from {@code sla_breach} (one row per breach
 * id, by due time), the sales side's counts from the lead rollup.
 */
@ApplicationScoped
public class SlaCompliance {
    static final String NONE = "(none)";

    private final Queries queries;
    private final ReportingConfig config;

    SlaCompliance(Queries queries, ReportingConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /** Breaches due in the range, grouped; {@code rule} narrows to one rule when given. */
    public BreachReport breaches(BreachGrouping grouping, SlaRule rule, DateRange range) {
        boolean byTime = grouping == BreachGrouping.WEEK || grouping == BreachGrouping.MONTH;
        Buckets buckets = byTime
                ? Buckets.of(
                        grouping == BreachGrouping.WEEK ? ReportPeriod.WEEK : ReportPeriod.MONTH,
                        range,
                        RollupDeltas.SLOT_SECONDS)
                : null;
        String group =
                switch (grouping) {
                    case RULE -> "rule";
                    case OWNER -> "coalesce(owner_id, '" + NONE + "')";
                    case SEGMENT -> "coalesce(segment, '" + NONE + "')";
                    case WEEK, MONTH -> "width_bucket(due_at, " + Buckets.EDGES + ")::text";
                };
        int maxRows = config.maxRows();
        Map<String, BreachRow> rows = queries.read(connection -> {
            // sorted by group value: rules and owners alphabetically, weeks and months in time order
            Map<String, BreachRow> found = new TreeMap<>();
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT " + group + " AS g, count(*) AS breaches,"
                            + " count(*) FILTER (WHERE retracted) AS retracted,"
                            + " count(*) FILTER (WHERE NOT retracted AND escalated) AS escalated"
                            + " FROM sla_breach WHERE breached AND due_at >= ? AND due_at < ?"
                            + " AND (CAST(? AS VARCHAR) IS NULL OR rule = ?) GROUP BY g LIMIT ?")) {
                int i = 1;
                if (byTime) {
                    select.setArray(i++, connection.createArrayOf("text", buckets.sqlEdges()));
                }
                select.setObject(i++, OffsetDateTime.ofInstant(range.start(), ZoneOffset.UTC));
                select.setObject(i++, OffsetDateTime.ofInstant(range.end(), ZoneOffset.UTC));
                select.setString(i++, rule == null ? null : rule.name());
                select.setString(i++, rule == null ? null : rule.name());
                select.setInt(i, maxRows + 1);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        String value = byTime
                                ? buckets.startOf(Integer.parseInt(rs.getString("g")))
                                        .toString()
                                : rs.getString("g");
                        long breaches = rs.getLong("breaches");
                        long retracted = rs.getLong("retracted");
                        found.put(
                                value,
                                new BreachRow(
                                        value, breaches, retracted, breaches - retracted, rs.getLong("escalated")));
                    }
                }
            }
            return found;
        });
        if (rows.size() > maxRows) {
            throw new ReportTooLargeException(maxRows);
        }
        return new BreachReport(
                grouping.name().toLowerCase(Locale.ROOT),
                rule == null ? null : rule.name(),
                range.from(),
                range.to(),
                range.zone().getId(),
                new ArrayList<>(rows.values()));
    }

    public ComplianceReport compliance(ReportPeriod period, DateRange range) {
        Buckets buckets = Buckets.of(period, range, RollupDeltas.SLOT_SECONDS);
        return queries.read(connection -> {
            LeadCounts[] counts = Rollups.leadCounts(connection, buckets);
            List<Map<SlaRule, Long>> standing = standing(connection, buckets);
            List<ComplianceRow> rows = new ArrayList<>(buckets.size());
            for (int i = 0; i < buckets.size(); i++) {
                rows.add(row(buckets.starts().get(i), counts[i], standing.get(i)));
            }
            return new ComplianceReport(
                    period.id(), range.from(), range.to(), range.zone().getId(), rows);
        });
    }

    public static ComplianceRow row(java.time.LocalDate start, LeadCounts c, Map<SlaRule, Long> standing) {
        long sqls = c.get(LeadCount.SQLS);
        long inTime = c.get(LeadCount.SQLS_IN_TIME);
        long givenUp = c.get(LeadCount.GIVEN_UP);
        long withMinimum = c.get(LeadCount.GIVEN_UP_WITH_MINIMUM);
        return new ComplianceRow(
                start,
                sqls,
                inTime,
                Ratios.of(inTime, sqls),
                givenUp,
                withMinimum,
                Ratios.of(withMinimum, givenUp),
                standing.values().stream().mapToLong(Long::longValue).sum(),
                c.get(LeadCount.MQLS),
                standing.getOrDefault(SlaRule.LEAD_VOLUME_SHORTFALL, 0L));
    }

    /** Standing (not retracted) breaches due in each bucket, per rule, in bucket order. */
    public List<Map<SlaRule, Long>> standing(Connection connection, Buckets buckets) throws SQLException {
        List<Map<SlaRule, Long>> result = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            result.add(new EnumMap<>(SlaRule.class));
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT width_bucket(due_at,"
                + " " + Buckets.EDGES + ") AS bucket, rule, count(*) AS standing FROM sla_breach"
                + " WHERE breached AND NOT retracted AND due_at >= ? AND due_at < ? GROUP BY bucket, rule")) {
            Rollups.bind(connection, select, buckets);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    result.get(rs.getInt("bucket") - 1)
                            .put(SlaRule.valueOf(rs.getString("rule")), rs.getLong("standing"));
                }
            }
        }
        return result;
    }
}
