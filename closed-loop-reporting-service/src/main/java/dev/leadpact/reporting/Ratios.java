package dev.leadpact.reporting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rates and shares in reports: four decimals, half-even, null when there is nothing to divide by. */
public final class Ratios {
    private Ratios() {}

    public static BigDecimal of(long part, long whole) {
        return whole == 0
                ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal of(BigDecimal part, BigDecimal whole) {
        return whole == null || whole.signum() == 0 ? null : part.divide(whole, 4, RoundingMode.HALF_EVEN);
    }
}
