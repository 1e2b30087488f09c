package dev.leadpact.reporting.period;

import dev.leadpact.reporting.problem.InvalidFilterException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of a report's range, for SQL: {@code edges} are the instants each bucket starts at
 * (the first one the range's start), ready for {@code width_bucket(t, edges)}, which gives 1 for the
 * first bucket; in SQL, {@link #EDGES} stands for them. A bucket is named by its first day ({@link
 * ReportPeriod#bucketOf}), which for the first one may lie before the range's start; the bucket
 * still only counts from the range's start.
 */
public record Buckets(List<LocalDate> starts, List<Instant> edges, Instant end) {

    /**
     * The edges in SQL, bound to {@link #sqlEdges()}: cast once, in a scalar subquery. The same cast
     * in a row's expression is evaluated for every row (timestamptz input is only stable), which made a
     * year's sum over the rollups ten times slower.
     */
    public static final String EDGES = "(SELECT CAST(? AS TEXT[])::TIMESTAMPTZ[])";

    /**
     * @param slotSeconds the rollups' slot: every edge must be a slot edge (in every time zone in use
     *     today, local midnight is a multiple of 15 minutes after UTC midnight)
     */
    public static Buckets of(ReportPeriod period, DateRange range, long slotSeconds) {
        List<LocalDate> starts = new ArrayList<>();
        List<Instant> edges = new ArrayList<>();
        for (LocalDate b = period.bucketOf(range.from()); !b.isAfter(range.to()); b = period.nextBucket(b)) {
            starts.add(b);
            edges.add(
                    b.isBefore(range.from())
                            ? range.start()
                            : b.atStartOfDay(range.zone()).toInstant());
        }
        for (Instant edge : edges) {
            aligned(edge, slotSeconds, range);
        }
        aligned(range.end(), slotSeconds, range);
        return new Buckets(List.copyOf(starts), List.copyOf(edges), range.end());
    }

    private static void aligned(Instant edge, long slotSeconds, DateRange range) {
        if (edge.getEpochSecond() % slotSeconds != 0 || edge.getNano() != 0) {
            throw new InvalidFilterException(
                    "zone",
                    "midnight in " + range.zone().getId() + " is " + edge
                            + " in UTC, not a multiple of 15 minutes: reports cannot cut a day there");
        }
    }

    public Instant start() {
        return edges.get(0);
    }

    public int size() {
        return starts.size();
    }

    /** The bucket that {@code width_bucket} numbered {@code index} (from 1). */
    public LocalDate startOf(int index) {
        return starts.get(index - 1);
    }

    /** The edges as ISO-8601 text, the parameter of {@link #EDGES}. */
    public String[] sqlEdges() {
        return edges.stream().map(Instant::toString).toArray(String[]::new);
    }
}
