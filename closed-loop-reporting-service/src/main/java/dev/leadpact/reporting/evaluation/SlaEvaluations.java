package dev.leadpact.reporting.evaluation;

import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.attribution.AttributionDimension;
import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.attribution.AttributionRow;
import dev.leadpact.reporting.attribution.Attributions;
import dev.leadpact.reporting.compliance.ComplianceRow;
import dev.leadpact.reporting.compliance.SlaCompliance;
import dev.leadpact.reporting.funnel.FunnelRow;
import dev.leadpact.reporting.funnel.Funnels;
import dev.leadpact.reporting.period.Buckets;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import dev.leadpact.reporting.readmodel.Queries;
import dev.leadpact.reporting.readmodel.RollupDeltas;
import dev.leadpact.reporting.readmodel.RollupDeltas.LeadCount;
import dev.leadpact.reporting.readmodel.Rollups;
import dev.leadpact.reporting.readmodel.Rollups.DealTotals;
import dev.leadpact.reporting.readmodel.Rollups.LeadCounts;
import dev.leadpact.reporting.speed.SpeedStats;
import dev.leadpact.reporting.speed.SpeedToLead;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SLA evaluation of both sides, per week or month: the funnel's, compliance's, speed-to-lead's
 * and attribution's numbers, read once each from the read models in one transaction, and marketing's
 * delivery as the monitor counted it ({@link MarketingDelivery}).
 */
@ApplicationScoped
public class SlaEvaluations {
    static final String MARKETING = "marketing";
    static final String SALES = "sales";
    static final String CLOSED_LOOP = "closed-loop";
    private static final BigDecimal ALL_OF_THEM = new BigDecimal("1.0000");

    private final Queries queries;
    private final SlaCompliance compliance;
    private final SpeedToLead speed;
    private final Attributions attributions;

    SlaEvaluations(Queries queries, SlaCompliance compliance, SpeedToLead speed, Attributions attributions) {
        this.queries = queries;
        this.compliance = compliance;
        this.speed = speed;
        this.attributions = attributions;
    }

    public EvaluationReport evaluate(ReportPeriod period, DateRange range, AttributionModel model, String currency) {
        Buckets buckets = Buckets.of(period, range, RollupDeltas.SLOT_SECONDS);
        BigDecimal deadline = BigDecimal.valueOf(speed.deadline(Stage.SQL).toSeconds());
        return queries.read(connection -> {
            LeadCounts[] counts = Rollups.leadCounts(connection, buckets);
            DealTotals[] deals = Rollups.deals(connection, buckets, currency);
            List<Map<SlaRule, Long>> standing = compliance.standing(connection, buckets);
            SpeedStats[] responses = speed.perBucket(connection, Stage.SQL, buckets);
            List<Map<String, MarketingDelivery.Delivery>> delivery = MarketingDelivery.perBucket(connection, buckets);
            Map<LocalDate, List<AttributionRow>> byChannel = new HashMap<>();
            for (AttributionRow r : attributions.rows(connection, model, AttributionDimension.CHANNEL, buckets)) {
                if (currency == null || currency.equals(r.currency())) {
                    byChannel
                            .computeIfAbsent(r.periodStart(), b -> new ArrayList<>())
                            .add(r);
                }
            }

            List<EvaluationRow> rows = new ArrayList<>();
            for (int i = 0; i < buckets.size(); i++) {
                LocalDate bucket = buckets.starts().get(i);
                Rows out = new Rows(bucket, rows);
                FunnelRow f = Funnels.row(bucket, counts[i], deals[i]);
                ComplianceRow c = SlaCompliance.row(bucket, counts[i], standing.get(i));
                SpeedStats s = responses[i];

                // marketing
                out.info(MARKETING, EvaluationMetric.MARKETING_GENERATED_LEADS, count(f.leads()));
                if (delivery.get(i).isEmpty()) {
                    out.add(
                            MARKETING,
                            EvaluationMetric.QUALIFIED_LEADS_DELIVERED,
                            MarketingDelivery.ALL,
                            null,
                            null,
                            null,
                            null);
                }
                delivery.get(i)
                        .forEach((scope, d) -> out.add(
                                MARKETING,
                                EvaluationMetric.QUALIFIED_LEADS_DELIVERED,
                                scope,
                                null,
                                count(d.delivered()),
                                count(d.expected()),
                                d.met()));
                out.info(MARKETING, EvaluationMetric.QUALIFIED_SHARE, f.mqlRate());
                out.info(MARKETING, EvaluationMetric.MARKETING_SOURCED_REVENUE_SHARE, f.marketingSourcedRevenueShare());
                out.add(
                        MARKETING,
                        EvaluationMetric.AVERAGE_DEAL_SIZE,
                        MarketingDelivery.ALL,
                        currency,
                        f.averageDealSize(),
                        null,
                        null);
                out.info(MARKETING, EvaluationMetric.LEAD_TO_CUSTOMER_RATE, f.leadToCustomerRate());

                // sales
                out.info(SALES, EvaluationMetric.SQLS, count(c.sqls()));
                out.info(SALES, EvaluationMetric.SQLS_CONTACTED_IN_TIME, count(c.sqlsContactedInTime()));
                out.judged(SALES, EvaluationMetric.SQLS_CONTACTED_IN_TIME_SHARE, c.contactedInTimeShare(), ALL_OF_THEM);
                out.judged(SALES, EvaluationMetric.MEDIAN_RESPONSE_SECONDS, seconds(s.medianSeconds()), deadline);
                out.judged(SALES, EvaluationMetric.P90_RESPONSE_SECONDS, seconds(s.p90Seconds()), deadline);
                out.info(SALES, EvaluationMetric.GIVEN_UP, count(c.givenUp()));
                out.judged(SALES, EvaluationMetric.ATTEMPTS_COMPLIANCE_SHARE, c.minimumAttemptsShare(), ALL_OF_THEM);
                out.judged(
                        SALES,
                        EvaluationMetric.PREMATURE_CONTACTS,
                        count(standing.get(i).getOrDefault(SlaRule.PREMATURE_CONTACT, 0L)),
                        BigDecimal.ZERO);
                long feedbackInTime = counts[i].get(LeadCount.SQLS_FEEDBACK_IN_TIME);
                out.info(SALES, EvaluationMetric.OUTCOME_FEEDBACK_COMPLETE, count(feedbackInTime));
                out.judged(
                        SALES,
                        EvaluationMetric.OUTCOME_FEEDBACK_COMPLETENESS,
                        Ratios.of(feedbackInTime, c.sqls()),
                        ALL_OF_THEM);
                out.judged(
                        SALES,
                        EvaluationMetric.FEEDBACK_OVERDUE,
                        count(standing.get(i).getOrDefault(SlaRule.FEEDBACK_OVERDUE, 0L)),
                        BigDecimal.ZERO);

                // closed loop
                out.info(CLOSED_LOOP, EvaluationMetric.DEALS_WON, count(f.won()));
                out.info(CLOSED_LOOP, EvaluationMetric.DEALS_LOST, count(f.lost()));
                out.add(
                        CLOSED_LOOP,
                        EvaluationMetric.REVENUE,
                        MarketingDelivery.ALL,
                        currency,
                        f.wonRevenue(),
                        null,
                        null);
                for (AttributionRow a : byChannel.getOrDefault(bucket, List.of())) {
                    out.add(
                            CLOSED_LOOP,
                            EvaluationMetric.REVENUE_BY_CHANNEL,
                            "channel:" + a.groupValue(),
                            a.currency(),
                            a.revenue(),
                            null,
                            null);
                }
            }
            return new EvaluationReport(
                    period.id(), range.from(), range.to(), range.zone().getId(), model.id(), currency, rows);
        });
    }

    private static BigDecimal count(long n) {
        return BigDecimal.valueOf(n);
    }

    private static BigDecimal seconds(Long s) {
        return s == null ? null : BigDecimal.valueOf(s);
    }

    /** Collects one bucket's rows. */
    private static final class Rows {
        private final LocalDate bucket;
        private final List<EvaluationRow> rows;

        Rows(LocalDate bucket, List<EvaluationRow> rows) {
            this.bucket = bucket;
            this.rows = rows;
        }

        void add(
                String side,
                EvaluationMetric metric,
                String scope,
                String currency,
                BigDecimal value,
                BigDecimal target,
                Boolean met) {
            rows.add(new EvaluationRow(
                    bucket,
                    side,
                    metric.id(),
                    scope,
                    currency,
                    value,
                    target,
                    met,
                    metric.direction() == null ? null : metric.direction().id(),
                    metric.unit().id(),
                    metric.label()));
        }

        void info(String side, EvaluationMetric metric, BigDecimal value) {
            add(side, metric, MarketingDelivery.ALL, null, value, null, null);
        }

        /** A metric with a commitment, judged the way its direction says. */
        void judged(String side, EvaluationMetric metric, BigDecimal value, BigDecimal target) {
            add(
                    side,
                    metric,
                    MarketingDelivery.ALL,
                    null,
                    value,
                    target,
                    metric.direction().verdict(value, target));
        }
    }
}
