package dev.leadpact.reporting.evaluation;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One metric of one side of the SLA in one period and scope: a long ("tidy") table, so a BI tool
 * pivots or filters it without knowing the teams, segments and channels in advance.
 *
 * @param side {@code marketing}, {@code sales} or {@code closed-loop}
 * @param metric e.g. {@code qualified_leads_delivered}
 * @param scope {@code all}, {@code team:<team>}, {@code segment:<segment>} or {@code channel:<channel>}
 * @param currency for amounts: the deals' currency (empty when amounts of all currencies are added)
 * @param target the commitment, when the metric has one
 * @param met whether the value keeps the commitment; empty without a target or a value
 * @param direction for a metric with a commitment, which values keep it: {@code at-least} or {@code
 *     at-most} the target; empty for the others
 * @param unit what {@code value} and {@code target} count: {@code count}, {@code ratio} (a fraction of
 *     1), {@code seconds} or {@code amount} (in {@code currency})
 * @param label the metric's name for people, e.g. "Qualified leads delivered"
 */
public record EvaluationRow(
        LocalDate periodStart,
        String side,
        String metric,
        String scope,
        String currency,
        BigDecimal value,
        BigDecimal target,
        Boolean met,
        String direction,
        String unit,
        String label) {}
