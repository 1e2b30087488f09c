package dev.leadpact.reporting.csv;

import dev.leadpact.reporting.problem.InvalidFilterException;

/** Validates {@code ?format=}: absent, {@code json} or {@code csv}. */
public final class ReportFormat {
    private ReportFormat() {}

    public static void check(String format) {
        if (format != null && !format.equalsIgnoreCase("csv") && !format.equalsIgnoreCase("json")) {
            throw new InvalidFilterException("format", "format must be json or csv");
        }
    }
}
