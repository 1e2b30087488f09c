package dev.leadpact.reporting.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A conversion rate as an exact fraction, so 1/3 stays 1/3 through the reverse funnel.
 *
 * @param shown the rate as reported: the decimal as given, else four decimals (half-even)
 */
public record Rate(BigInteger numerator, BigInteger denominator, BigDecimal shown) {

    public Rate {
        if (numerator.signum() < 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("a rate is a non-negative fraction");
        }
    }

    /** {@code part / whole}, e.g. won / meetings; null when there is nothing to divide by. */
    public static Rate observed(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        BigInteger n = BigInteger.valueOf(part);
        BigInteger d = BigInteger.valueOf(whole);
        return new Rate(n, d, new BigDecimal(n).divide(new BigDecimal(d), 4, RoundingMode.HALF_EVEN));
    }

    public static Rate of(BigDecimal decimal) {
        BigDecimal plain = decimal.stripTrailingZeros();
        int scale = Math.max(0, plain.scale());
        return new Rate(plain.movePointRight(scale).toBigIntegerExact(), BigInteger.TEN.pow(scale), decimal);
    }

    /** {@code "1/3"} (exact) or a decimal such as {@code "0.1"}; null if it is neither. */
    public static Rate parse(String text) {
        String t = text.trim();
        try {
            int slash = t.indexOf('/');
            if (slash < 0) {
                return of(new BigDecimal(t));
            }
            BigInteger n = new BigInteger(t.substring(0, slash).trim());
            BigInteger d = new BigInteger(t.substring(slash + 1).trim());
            if (n.signum() < 0 || d.signum() <= 0) {
                return null;
            }
            return new Rate(n, d, new BigDecimal(n).divide(new BigDecimal(d), 4, RoundingMode.HALF_EVEN));
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    public boolean isPositiveAndAtMostOne() {
        return numerator.signum() > 0 && numerator.compareTo(denominator) <= 0;
    }
}
