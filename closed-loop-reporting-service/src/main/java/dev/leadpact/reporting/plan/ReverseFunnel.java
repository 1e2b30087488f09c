package dev.leadpact.reporting.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The reverse funnel: from a number of customers back to the meetings and qualified leads it takes,
 * 5 customers ← 15 meetings ← 150 qualified leads at rates of 1/3 and 1/10. The quotient is exact
 * (rates are fractions), rounded half-even to six decimals and then up to a whole number.
 */
public final class ReverseFunnel {
    private ReverseFunnel() {}

    /** How many of the earlier step it takes to get {@code target} of the next; null when the rate is unknown or 0. */
    public static Long needed(long target, BigDecimal rate) {
        return rate == null ? null : neededAt(target, Rate.of(rate));
    }

    /** As {@link #needed(long, BigDecimal)}, for an exact fraction such as 1/3. */
    public static Long neededAt(long target, Rate rate) {
        if (rate == null || rate.numerator().signum() <= 0) {
            return null;
        }
        // target / (n/d) = target * d / n, exactly; six decimals first, so a rate written as
        // 0.3333333333 for 1/3 does not cost a whole extra meeting
        return new BigDecimal(rate.denominator().multiply(java.math.BigInteger.valueOf(target)))
                .divide(new BigDecimal(rate.numerator()), 6, RoundingMode.HALF_EVEN)
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }
}
