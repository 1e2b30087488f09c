package dev.leadpact.reporting.evaluation;

import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.attribution.AttributionDimension;
import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.attribution.AttributionRow;
import dev.leadpact.reporting.attribution.Attributions;
import dev.leadpact.reporting.compliance.BreachGrouping;
import dev.leadpact.reporting.compliance.BreachRow;
import dev.leadpact.reporting.compliance.ComplianceRow;
import dev.leadpact.reporting.compliance.SlaCompliance;
import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.Touchpoint;
import dev.leadpact.reporting.funnel.FunnelRow;
import dev.leadpact.reporting.funnel.Funnels;
import dev.leadpact.reporting.lead.LeadHistories;
import dev.leadpact.reporting.lead.LeadHistory;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import dev.leadpact.reporting.speed.ResponseTimes;
import dev.leadpact.reporting.speed.SpeedToLead;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The SLA evaluation of both sides, per week or month, put together from the same calculations as
 * the funnel, speed-to-lead, compliance, breach and attribution reports, so its numbers are theirs.
 */
@ApplicationScoped
public class SlaEvaluations {
    static final String MARKETING = "marketing";
    static final String SALES = "sales";
    static final String CLOSED_LOOP = "closed-loop";
    static final String NONE = "(none)";
    private static final BigDecimal ALL_OF_THEM = new BigDecimal("1.0000");

    private final Funnels funnels;
    private final SlaCompliance compliance;
    private final SpeedToLead speed;
    private final Attributions attributions;
    private final LeadHistories histories;
    private final ReportingConfig config;

    SlaEvaluations(
            Funnels funnels,
            SlaCompliance compliance,
            SpeedToLead speed,
            Attributions attributions,
            LeadHistories histories,
            ReportingConfig config) {
        this.funnels = funnels;
        this.compliance = compliance;
        this.speed = speed;
        this.attributions = attributions;
        this.histories = histories;
        this.config = config;
    }

    public EvaluationReport evaluate(ReportPeriod period, DateRange range, AttributionModel model, String currency) {
        Commitments commitments = new Commitments(
                config.marketing().qualifiedLeadsPerRepPerMonth(),
                teamReps(range),
                config.marketing().segmentReps());
        Map<LocalDate, FunnelRow> funnel = new HashMap<>();
        funnels.report(period, range, currency).rows().forEach(r -> funnel.put(r.periodStart(), r));
        Map<LocalDate, ComplianceRow> sla = new HashMap<>();
        compliance.compliance(period, range).rows().forEach(r -> sla.put(r.periodStart(), r));
        Map<String, Long> premature = standing(period, range, SlaRule.PREMATURE_CONTACT);
        Map<String, Long> feedbackOverdue = standing(period, range, SlaRule.FEEDBACK_OVERDUE);
        Map<LocalDate, List<Long>> responseTimes = new HashMap<>();
        for (SpeedToLead.Response r : speed.responses(Stage.SQL, range)) {
            List<Long> times = responseTimes.computeIfAbsent(
                    period.bucketOf(r.qualified().occurredAt, range.zone()), b -> new ArrayList<>());
            r.seconds().ifPresent(times::add);
        }
        Map<LocalDate, Map<String, Long>> delivered = new HashMap<>();
        Map<LocalDate, long[]> feedback = new HashMap<>();
        qualifiedLeads(period, range, delivered, feedback);
        Map<LocalDate, List<AttributionRow>> byChannel = new HashMap<>();
        for (AttributionRow r : attributions
                .report(model, AttributionDimension.CHANNEL, period, range)
                .rows()) {
            if (currency == null || currency.equals(r.currency())) {
                byChannel
                        .computeIfAbsent(r.periodStart(), b -> new ArrayList<>())
                        .add(r);
            }
        }
        BigDecimal deadline = BigDecimal.valueOf(speed.deadline(Stage.SQL).toSeconds());

        List<EvaluationRow> rows = new ArrayList<>();
        for (LocalDate bucket = period.bucketOf(range.from());
                !bucket.isAfter(range.to());
                bucket = period.nextBucket(bucket)) {
            LocalDate first = bucket.isBefore(range.from()) ? range.from() : bucket;
            LocalDate bucketEnd = period.nextBucket(bucket).minusDays(1);
            LocalDate last = bucketEnd.isAfter(range.to()) ? range.to() : bucketEnd;
            Rows out = new Rows(bucket, rows);
            FunnelRow f = funnel.get(bucket);
            ComplianceRow c = sla.get(bucket);

            // marketing
            out.info(MARKETING, "marketing_generated_leads", count(f.leads()));
            Map<String, Long> byScope = new TreeMap<>(delivered.getOrDefault(bucket, Map.of()));
            commitments.scopes().forEach(s -> byScope.putIfAbsent(s, 0L));
            byScope.putIfAbsent(Commitments.ALL, 0L);
            byScope.forEach((scope, n) -> {
                Long due = commitments.due(scope, first, last);
                BigDecimal target = due == null ? null : count(due);
                out.add(
                        MARKETING,
                        "qualified_leads_delivered",
                        scope,
                        null,
                        count(n),
                        target,
                        Verdicts.atLeast(count(n), target));
            });
            out.info(MARKETING, "qualified_share", f.mqlRate());
            out.info(MARKETING, "marketing_sourced_revenue_share", f.marketingSourcedRevenueShare());
            out.add(MARKETING, "average_deal_size", Commitments.ALL, currency, f.averageDealSize(), null, null);
            out.info(MARKETING, "lead_to_customer_rate", f.leadToCustomerRate());

            // sales
            out.info(SALES, "sqls", count(c.sqls()));
            out.info(SALES, "sqls_contacted_in_time", count(c.sqlsContactedInTime()));
            out.atLeast(SALES, "sqls_contacted_in_time_share", c.contactedInTimeShare(), ALL_OF_THEM);
            List<Long> times = responseTimes.getOrDefault(bucket, List.of()).stream()
                    .sorted()
                    .toList();
            out.atMost(SALES, "median_response_seconds", seconds(ResponseTimes.median(times)), deadline);
            out.atMost(SALES, "p90_response_seconds", seconds(ResponseTimes.percentile(times, 90)), deadline);
            out.info(SALES, "given_up", count(c.givenUp()));
            out.atLeast(SALES, "attempts_compliance_share", c.minimumAttemptsShare(), ALL_OF_THEM);
            out.atMost(
                    SALES, "premature_contacts", count(premature.getOrDefault(bucket.toString(), 0L)), BigDecimal.ZERO);
            long[] fb = feedback.getOrDefault(bucket, new long[2]);
            out.info(SALES, "outcome_feedback_complete", count(fb[1]));
            out.atLeast(SALES, "outcome_feedback_completeness", Ratios.of(fb[1], fb[0]), ALL_OF_THEM);
            out.atMost(
                    SALES,
                    "feedback_overdue",
                    count(feedbackOverdue.getOrDefault(bucket.toString(), 0L)),
                    BigDecimal.ZERO);

            // closed loop
            out.info(CLOSED_LOOP, "deals_won", count(f.won()));
            out.info(CLOSED_LOOP, "deals_lost", count(f.lost()));
            out.add(CLOSED_LOOP, "revenue", Commitments.ALL, currency, f.wonRevenue(), null, null);
            for (AttributionRow a : byChannel.getOrDefault(bucket, List.of())) {
                out.add(
                        CLOSED_LOOP,
                        "revenue_by_channel",
                        "channel:" + a.groupValue(),
                        a.currency(),
                        a.revenue(),
                        null,
                        null);
            }
        }
        return new EvaluationReport(
                period.id(), range.from(), range.to(), range.zone().getId(), model.id(), currency, rows);
    }

    /**
     * Leads delivered in the range (first at the qualifying stage then, and not disqualified within
     * the window), counted per bucket and scope; and per bucket of the first SQL: [SQLs, SQLs with an
     * outcome reported within the feedback deadline].
     */
    private void qualifiedLeads(
            ReportPeriod period,
            DateRange range,
            Map<LocalDate, Map<String, Long>> delivered,
            Map<LocalDate, long[]> feedback) {
        Stage qualifying = config.marketing().qualifyingStage();
        Duration window = config.marketing().disqualificationWindow();
        List<Stage> candidateStages = Arrays.stream(Stage.values())
                .filter(s -> s.isAtLeast(qualifying) || s == Stage.SQL)
                .toList();
        List<String> candidates = histories.leadIds(
                Touchpoint.class,
                "e.stage in ?1 and e.occurredAt >= ?2 and e.occurredAt < ?3",
                candidateStages,
                range.start(),
                range.end());
        for (LeadHistory lead : histories.load(candidates).values()) {
            Optional<Touchpoint> qualified = lead.firstTouchAtLeast(qualifying)
                    .filter(t -> range.contains(t.occurredAt))
                    .filter(t -> lead.firstStatus(LeadStatus.DISQUALIFIED)
                            .filter(d -> d.occurredAt.isBefore(t.occurredAt.plus(window)))
                            .isEmpty());
            qualified.ifPresent(q -> {
                Map<String, Long> scopes =
                        delivered.computeIfAbsent(period.bucketOf(q.occurredAt, range.zone()), b -> new TreeMap<>());
                scopes.merge(Commitments.ALL, 1L, Long::sum);
                scopes.merge("team:" + Optional.ofNullable(lead.team()).orElse(NONE), 1L, Long::sum);
                scopes.merge("segment:" + (q.segment == null ? NONE : q.segment.name()), 1L, Long::sum);
            });
            lead.firstTouchAtLeast(Stage.SQL)
                    .filter(t -> range.contains(t.occurredAt))
                    .ifPresent(sql -> {
                        long[] c = feedback.computeIfAbsent(
                                period.bucketOf(sql.occurredAt, range.zone()), b -> new long[2]);
                        c[0]++;
                        Instant due = sql.occurredAt.plus(config.feedback().deadline());
                        if (lead.firstOutcomeAt().filter(at -> !at.isAfter(due)).isPresent()) {
                            c[1]++;
                        }
                    });
        }
    }

    /**
     * Reps per team: the owners assigned leads of the team within the roster window before the range's
     * end, and at least the configured number, as the monitor counts them.
     */
    private Map<String, Integer> teamReps(DateRange range) {
        Map<String, Integer> reps = new TreeMap<>(config.marketing().teamReps());
        List<Object[]> observed = Activity.getEntityManager()
                .createQuery(
                        "select a.team, count(distinct a.ownerId) from Activity a where a.type = ?1"
                                + " and a.team is not null and a.ownerId is not null"
                                + " and a.occurredAt >= ?2 and a.occurredAt < ?3 group by a.team",
                        Object[].class)
                .setParameter(1, Activity.Type.OWNER_ASSIGNED)
                .setParameter(2, range.end().minus(config.marketing().rosterWindow()))
                .setParameter(3, range.end())
                .getResultList();
        for (Object[] team : observed) {
            reps.merge((String) team[0], ((Number) team[1]).intValue(), Math::max);
        }
        return reps;
    }

    /** Standing breaches of a rule by bucket start (as text, the breach report's group value). */
    private Map<String, Long> standing(ReportPeriod period, DateRange range, SlaRule rule) {
        Map<String, Long> byBucket = new HashMap<>();
        BreachGrouping grouping = period == ReportPeriod.WEEK ? BreachGrouping.WEEK : BreachGrouping.MONTH;
        for (BreachRow r : compliance.breaches(grouping, rule, range).rows()) {
            byBucket.put(r.groupValue(), r.standing());
        }
        return byBucket;
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
                String metric,
                String scope,
                String currency,
                BigDecimal value,
                BigDecimal target,
                Boolean met) {
            rows.add(new EvaluationRow(bucket, side, metric, scope, currency, value, target, met));
        }

        void info(String side, String metric, BigDecimal value) {
            add(side, metric, Commitments.ALL, null, value, null, null);
        }

        void atLeast(String side, String metric, BigDecimal value, BigDecimal target) {
            add(side, metric, Commitments.ALL, null, value, target, Verdicts.atLeast(value, target));
        }

        void atMost(String side, String metric, BigDecimal value, BigDecimal target) {
            add(side, metric, Commitments.ALL, null, value, target, Verdicts.atMost(value, target));
        }
    }
}
