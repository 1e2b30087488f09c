package dev.leadpact.reporting.speed;

import dev.leadpact.reporting.Ratios;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The distribution of response times in buckets a meeting reads at a glance: up to 5 min, 15 min,
 * 30 min, 1 h, 4 h, 1 day, over a day, and not contacted. The deadline is always a bucket edge (a
 * PT2M deadline adds "up to 2 min"), so every bucket is wholly within or wholly beyond it.
 */
public final class ResponseBuckets {
    static final List<Long> EDGES = List.of(300L, 900L, 1800L, 3600L, 14_400L, 86_400L);

    private ResponseBuckets() {}

    /**
     * The inclusive upper bounds of the bounded buckets, ascending; one open bucket follows them.
     * Bucket {@code i} holds the response times {@code t} with {@code bound[i-1] < t <= bound[i]}, so
     * SQL's {@code width_bucket(t, bound + 1)} is the bucket's index.
     */
    public static List<Long> upperBounds(long deadline) {
        TreeSet<Long> edges = new TreeSet<>(EDGES);
        edges.add(deadline);
        return List.copyOf(edges);
    }

    /**
     * @param counts leads per bucket of {@link #upperBounds}, then the open bucket
     * @param notContacted leads not contacted yet
     * @param deadline seconds; a response of exactly the deadline is within it
     */
    public static List<SpeedBucketRow> rows(long[] counts, long notContacted, long deadline) {
        List<Long> bounds = upperBounds(deadline);
        if (counts.length != bounds.size() + 1) {
            throw new IllegalArgumentException("one count per bucket: " + (bounds.size() + 1));
        }
        long all = notContacted;
        for (long c : counts) {
            all += c;
        }
        List<SpeedBucketRow> rows = new ArrayList<>();
        long min = 0;
        for (int i = 0; i < bounds.size(); i++) {
            long max = bounds.get(i);
            rows.add(new SpeedBucketRow(
                    label(min, max), min, max, counts[i], Ratios.of(counts[i], all), max <= deadline));
            min = max + 1;
        }
        long open = counts[bounds.size()];
        rows.add(new SpeedBucketRow(label(min, null), min, null, open, Ratios.of(open, all), false));
        rows.add(new SpeedBucketRow("not contacted", null, null, notContacted, Ratios.of(notContacted, all), false));
        return rows;
    }

    static String label(long min, Long max) {
        if (max == null) {
            return "over " + duration(min - 1);
        }
        if (min == 0) {
            return "up to " + duration(max);
        }
        return duration(min - 1) + " to " + duration(max);
    }

    /** 300 → "5 min", 5400 → "1 h 30 min", 86400 → "1 d": exact, largest units first. */
    static String duration(long seconds) {
        List<String> parts = new ArrayList<>();
        long rest = seconds;
        long[] units = {86_400, 3600, 60, 1};
        String[] names = {"d", "h", "min", "s"};
        for (int i = 0; i < units.length; i++) {
            if (rest >= units[i]) {
                parts.add(rest / units[i] + " " + names[i]);
                rest %= units[i];
            }
        }
        return parts.isEmpty() ? "0 s" : String.join(" ", parts);
    }
}
