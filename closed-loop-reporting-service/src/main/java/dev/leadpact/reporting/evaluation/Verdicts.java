package dev.leadpact.reporting.evaluation;

import java.math.BigDecimal;

/** Whether a value keeps its commitment; null when either is unknown. */
final class Verdicts {
    private Verdicts() {}

    static Boolean atLeast(BigDecimal value, BigDecimal target) {
        return value == null || target == null ? null : value.compareTo(target) >= 0;
    }

    static Boolean atMost(BigDecimal value, BigDecimal target) {
        return value == null || target == null ? null : value.compareTo(target) <= 0;
    }
}
