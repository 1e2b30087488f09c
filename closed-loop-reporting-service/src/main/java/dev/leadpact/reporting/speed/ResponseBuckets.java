package dev.leadpact.reporting.speed;

import dev.leadpact.reporting.Ratios;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
     * @param seconds each lead's response time, empty for a lead not contacted yet
     * @param deadline seconds; a response of exactly the deadline is within it
     */
    public static List<SpeedBucketRow> of(List<Optional<Long>> seconds, long deadline) {
        TreeSet<Long> edges = new TreeSet<>(EDGES);
        edges.add(deadline);
        List<SpeedBucketRow> rows = new ArrayList<>();
        long min = 0;
        for (long max : edges) {
            rows.add(bucket(seconds, min, max, deadline));
            min = max + 1;
        }
        rows.add(bucket(seconds, min, null, deadline));
        long notContacted = seconds.stream().filter(Optional::isEmpty).count();
        rows.add(new SpeedBucketRow(
                "not contacted", null, null, notContacted, Ratios.of(notContacted, seconds.size()), false));
        return rows;
    }

    private static SpeedBucketRow bucket(List<Optional<Long>> seconds, long min, Long max, long deadline) {
        long leads = seconds.stream()
                .flatMap(Optional::stream)
                .filter(s -> s >= min && (max == null || s <= max))
                .count();
        return new SpeedBucketRow(
                label(min, max), min, max, leads, Ratios.of(leads, seconds.size()), max != null && max <= deadline);
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
