package dev.leadpact.reporting.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The reverse funnel: from a number of customers back to the meetings and qualified leads it takes,
 * 5 customers ← 15 meetings ← 150 qualified leads at rates of 1/3 and 1/10. Needed counts round up.
 */
public final class ReverseFunnel {
    private ReverseFunnel() {}

    /** How many of the earlier step it takes to get {@code target} of the next; null when the rate is unknown or 0. */
    public static Long needed(long target, BigDecimal rate) {
        if (rate == null || rate.signum() <= 0) {
            return null;
        }
        // six decimals first, so a rate written as 0.3333333333 for 1/3 does not cost a whole extra meeting
        return BigDecimal.valueOf(target)
                .divide(rate, 6, RoundingMode.HALF_EVEN)
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }
}
