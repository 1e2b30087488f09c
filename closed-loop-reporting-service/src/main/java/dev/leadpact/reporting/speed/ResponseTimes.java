package dev.leadpact.reporting.speed;

import java.util.List;

/** Statistics over response times in seconds. */
public final class ResponseTimes {
    private ResponseTimes() {}

    /** The median; for an even count the mean of the two middle values, rounded down. Null if empty. */
    public static Long median(List<Long> sortedSeconds) {
        int n = sortedSeconds.size();
        if (n == 0) {
            return null;
        }
        if (n % 2 == 1) {
            return sortedSeconds.get(n / 2);
        }
        return Math.floorDiv(sortedSeconds.get(n / 2 - 1) + sortedSeconds.get(n / 2), 2L);
    }

    /** Nearest-rank percentile: the smallest value at least {@code p} percent of the values do not exceed. */
    public static Long percentile(List<Long> sortedSeconds, int p) {
        int n = sortedSeconds.size();
        if (n == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sortedSeconds.get(Math.max(1, rank) - 1);
    }
}
