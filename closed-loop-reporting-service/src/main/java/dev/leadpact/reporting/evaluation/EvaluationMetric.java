package dev.leadpact.reporting.evaluation;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Every metric of the SLA evaluation with what a reader needs to show it: its label, its unit, and
 * for a commitment which way keeps it. The one place that knows; the evaluation's rows carry it, so
 * that the dashboard and a BI tool render what the server says instead of guessing from the name.
 */
enum EvaluationMetric {
    // marketing
    MARKETING_GENERATED_LEADS("New leads", Unit.COUNT, null),
    QUALIFIED_LEADS_DELIVERED("Qualified leads delivered", Unit.COUNT, Direction.AT_LEAST),
    QUALIFIED_SHARE("Share qualified", Unit.RATIO, null),
    MARKETING_SOURCED_REVENUE_SHARE("Marketing-sourced revenue", Unit.RATIO, null),
    AVERAGE_DEAL_SIZE("Average deal size", Unit.AMOUNT, null),
    LEAD_TO_CUSTOMER_RATE("Lead to customer", Unit.RATIO, null),
    // sales
    SQLS("SQLs", Unit.COUNT, null),
    SQLS_CONTACTED_IN_TIME("SQLs contacted in time", Unit.COUNT, null),
    SQLS_CONTACTED_IN_TIME_SHARE("Share of SQLs contacted in time", Unit.RATIO, Direction.AT_LEAST),
    MEDIAN_RESPONSE_SECONDS("Median response", Unit.SECONDS, Direction.AT_MOST),
    P90_RESPONSE_SECONDS("p90 response", Unit.SECONDS, Direction.AT_MOST),
    GIVEN_UP("Given up as unreachable", Unit.COUNT, null),
    ATTEMPTS_COMPLIANCE_SHARE("Given up after the minimum attempts", Unit.RATIO, Direction.AT_LEAST),
    PREMATURE_CONTACTS("Premature contacts (IQLs)", Unit.COUNT, Direction.AT_MOST),
    OUTCOME_FEEDBACK_COMPLETE("Outcomes reported", Unit.COUNT, null),
    OUTCOME_FEEDBACK_COMPLETENESS("Share of outcomes reported", Unit.RATIO, Direction.AT_LEAST),
    FEEDBACK_OVERDUE("Feedback overdue", Unit.COUNT, Direction.AT_MOST),
    // closed loop
    DEALS_WON("Deals won", Unit.COUNT, null),
    DEALS_LOST("Deals lost", Unit.COUNT, null),
    REVENUE("Revenue", Unit.AMOUNT, null),
    REVENUE_BY_CHANNEL("Revenue by channel", Unit.AMOUNT, null);

    /** What a value counts; its wire name is the lower-case constant. */
    enum Unit {
        /** A whole number of leads, deals or events. */
        COUNT,
        /** A fraction of 1 with four decimals (0.5000 is half). */
        RATIO,
        /** A duration in whole seconds. */
        SECONDS,
        /** Money with two decimals, in the row's currency (none when currencies are added up). */
        AMOUNT;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Which values keep a commitment: at least the target, or at most. */
    enum Direction {
        AT_LEAST("at-least"),
        AT_MOST("at-most");

        private final String id;

        Direction(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        /** Whether the value keeps the target; null when either is unknown. */
        Boolean verdict(BigDecimal value, BigDecimal target) {
            return this == AT_LEAST ? Verdicts.atLeast(value, target) : Verdicts.atMost(value, target);
        }
    }

    /** How a reader shows the metric. */
    private record Shown(String label, Unit unit, Direction direction) {}

    private final Shown shown;

    EvaluationMetric(String label, Unit unit, Direction direction) {
        this.shown = new Shown(label, unit, direction);
    }

    /** The row's {@code metric}: the snake-case name. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    String label() {
        return shown.label();
    }

    Unit unit() {
        return shown.unit();
    }

    /** Null for a metric without a commitment. */
    Direction direction() {
        return shown.direction();
    }
}
