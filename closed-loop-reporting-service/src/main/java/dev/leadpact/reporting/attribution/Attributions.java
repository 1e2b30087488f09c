package dev.leadpact.reporting.attribution;

import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.period.Buckets;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import dev.leadpact.reporting.problem.ReportTooLargeException;
import dev.leadpact.reporting.readmodel.Queries;
import dev.leadpact.reporting.readmodel.RollupDeltas;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Attributed revenue from {@code attribution_rollup}: the credits of every model were computed when
 * the deal or its touches were stored ({@link DealCredits}), and a late touch or corrected deal
 * recomputed them; a report sums the slots of its range. A change of the time-decay half-life needs
 * a rebuild of the read models.
 */
@ApplicationScoped
public class Attributions {

    private final Queries queries;
    private final int maxRows;

    Attributions(Queries queries, ReportingConfig config) {
        this.queries = queries;
        this.maxRows = config.maxRows();
    }

    public AttributionReport report(
            AttributionModel model, AttributionDimension dimension, ReportPeriod period, DateRange range) {
        Buckets buckets = Buckets.of(period, range, RollupDeltas.SLOT_SECONDS);
        List<AttributionRow> rows = queries.read(connection -> rows(connection, model, dimension, buckets));
        return new AttributionReport(
                model.id(),
                dimension.id(),
                period.id(),
                range.from(),
                range.to(),
                range.zone().getId(),
                rows);
    }

    /**
     * The groups of each bucket: revenue (sum of credits), deals that gave the group any credit,
     * weighted deals (sum of weights) and the share of the bucket's and currency's revenue; sorted by
     * bucket, currency, revenue (highest first) and group value.
     */
    public List<AttributionRow> rows(
            Connection connection, AttributionModel model, AttributionDimension dimension, Buckets buckets)
            throws SQLException {
        String m = model.name().toLowerCase(Locale.ROOT);
        List<AttributionRow> rows = new ArrayList<>();
        Map<List<Object>, BigDecimal> totals = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT width_bucket(slot,"
                + " " + Buckets.EDGES + ") AS bucket, currency, min(group_value) AS group_value, sum(revenue_" + m
                + ") AS revenue,"
                + " sum(deals_" + m + ") AS deals, sum(weight_" + m + ") AS weighted_deals FROM attribution_rollup"
                + " WHERE dimension = ? AND slot >= ? AND slot < ?"
                // the value's key stands for the value: a uuid groups faster than a landing page
                + " GROUP BY bucket, currency, value_key HAVING sum(lines) > 0 LIMIT ?")) {
            select.setArray(1, connection.createArrayOf("text", buckets.sqlEdges()));
            select.setString(2, dimension.id());
            select.setObject(3, OffsetDateTime.ofInstant(buckets.start(), ZoneOffset.UTC));
            select.setObject(4, OffsetDateTime.ofInstant(buckets.end(), ZoneOffset.UTC));
            select.setInt(5, maxRows + 1);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String currency = rs.getString("currency");
                    AttributionRow row = new AttributionRow(
                            buckets.startOf(rs.getInt("bucket")),
                            currency.isEmpty() ? null : currency,
                            rs.getString("group_value"),
                            rs.getBigDecimal("revenue"),
                            rs.getLong("deals"),
                            rs.getBigDecimal("weighted_deals").setScale(4, RoundingMode.HALF_EVEN),
                            null);
                    rows.add(row);
                    totals.merge(List.of(row.periodStart(), currency), row.revenue(), BigDecimal::add);
                }
            }
        }
        if (rows.size() > maxRows) {
            throw new ReportTooLargeException(maxRows);
        }
        List<AttributionRow> shared = new ArrayList<>(rows.size());
        for (AttributionRow r : rows) {
            BigDecimal total = totals.get(List.of(r.periodStart(), Objects.toString(r.currency(), "")));
            shared.add(new AttributionRow(
                    r.periodStart(),
                    r.currency(),
                    r.groupValue(),
                    r.revenue(),
                    r.deals(),
                    r.weightedDeals(),
                    total.signum() == 0 ? null : r.revenue().divide(total, 4, RoundingMode.HALF_EVEN)));
        }
        shared.sort(Comparator.comparing(AttributionRow::periodStart)
                .thenComparing(r -> Objects.toString(r.currency(), ""))
                .thenComparing(AttributionRow::revenue, Comparator.reverseOrder())
                .thenComparing(AttributionRow::groupValue));
        return shared;
    }
}
