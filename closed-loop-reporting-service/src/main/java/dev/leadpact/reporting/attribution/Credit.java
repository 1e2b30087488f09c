package dev.leadpact.reporting.attribution;

import java.math.BigDecimal;

/**
 * One touch's part of one deal.
 *
 * @param weight the touch's share of the deal before rounding, between 0 and 1 (6 decimals)
 * @param amount the money credited, rounded; the amounts of one deal sum exactly to its amount
 */
public record Credit(String touchId, BigDecimal weight, BigDecimal amount) {}
