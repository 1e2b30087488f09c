package dev.leadpact.monitor.whatif;

import dev.leadpact.events.SlaRule;
import dev.leadpact.monitor.rules.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the verdicts of the current and the proposed policies side by side, per rule, segment,
 * stage, source, team and owner (and in total), and finds the commitments whose verdict flips.
 * Memory is bounded by the number of groups, not of leads: response times go into a histogram
 * with 1 % buckets, so the median and p90 are exact to the second up to 100 s and within 1 % above.
 */
public final class WhatIfTally {
    static final String NONE = "(none)";

    /** One side's counts of a group. */
    public record Side(
            long due,
            long inTime,
            long breaches,
            long warnings,
            long escalations,
            long cancelled,
            long open,
            Double compliance,
            Long medianResponseSeconds,
            Long p90ResponseSeconds) {}

    public record Group(String dimension, String value, Side current, Side proposed) {}

    /** A commitment that is a breach under one policy set and not under the other. */
    public record Flip(
            String leadId,
            SlaRule rule,
            String segment,
            String stage,
            String ownerId,
            String team,
            Instant start,
            String currentStatus,
            Instant currentDueAt,
            String proposedStatus,
            Instant proposedDueAt) {}

    private final Map<String, Counts[]> groups = new LinkedHashMap<>();

    /** Adds one lead's verdicts under both policy sets; returns the flips among them. */
    List<Flip> add(String ownerId, String team, List<Verdict> current, List<Verdict> proposed) {
        String owner = ownerId == null ? NONE : ownerId;
        String teamName = team == null ? NONE : team;
        current.forEach(v -> count(v, owner, teamName, 0));
        proposed.forEach(v -> count(v, owner, teamName, 1));
        Map<String, Verdict> byKey = new HashMap<>();
        proposed.forEach(v -> byKey.put(v.key(), v));
        Set<String> keys = new LinkedHashSet<>();
        current.forEach(v -> keys.add(v.key()));
        keys.addAll(byKey.keySet());
        Map<String, Verdict> currentByKey = new HashMap<>();
        current.forEach(v -> currentByKey.put(v.key(), v));
        List<Flip> flips = new ArrayList<>();
        for (String key : keys) {
            Verdict c = currentByKey.get(key);
            Verdict p = byKey.get(key);
            if (breached(c) != breached(p)) {
                Verdict any = c != null ? c : p;
                flips.add(new Flip(
                        any.leadId(),
                        any.rule(),
                        any.segment() == null ? null : any.segment().name(),
                        any.stage() == null ? null : any.stage().name(),
                        ownerId,
                        team,
                        any.start(),
                        c == null ? NONE : c.status().name(),
                        c == null ? null : c.dueAt(),
                        p == null ? NONE : p.status().name(),
                        p == null ? null : p.dueAt()));
            }
        }
        return flips;
    }

    private static boolean breached(Verdict v) {
        return v != null && v.status() == Verdict.Status.BREACHED;
    }

    private void count(Verdict v, String owner, String team, int side) {
        String source = v.policyId().contains("/")
                ? v.policyId().substring(0, v.policyId().indexOf('/'))
                : NONE;
        group("total", "all", side).add(v);
        group("rule", v.rule().name(), side).add(v);
        group("segment", v.segment().name(), side).add(v);
        group("stage", v.stage().name(), side).add(v);
        group("source", source, side).add(v);
        group("team", team, side).add(v);
        group("owner", owner, side).add(v);
    }

    private Counts group(String dimension, String value, int side) {
        return groups.computeIfAbsent(dimension + "\u0000" + value, k -> new Counts[] {new Counts(), new Counts()})[
                side];
    }

    /** Every group, in the order first seen: the total first. */
    List<Group> groups() {
        List<Group> out = new ArrayList<>();
        groups.forEach((key, sides) -> {
            int cut = key.indexOf('\u0000');
            out.add(new Group(key.substring(0, cut), key.substring(cut + 1), sides[0].side(), sides[1].side()));
        });
        return out;
    }

    private static final class Counts {
        long due;
        long inTime;
        long breaches;
        long warnings;
        long escalations;
        long cancelled;
        long open;
        final ResponseHistogram responses = new ResponseHistogram();

        void add(Verdict v) {
            switch (v.status()) {
                case MET -> inTime++;
                case BREACHED -> breaches++;
                case CANCELLED -> cancelled++;
                case OPEN -> open++;
            }
            if (v.due()) {
                due++;
            }
            if (v.warned()) {
                warnings++;
            }
            if (v.escalated()) {
                escalations++;
            }
            if (v.responseSeconds() != null) {
                responses.add(v.responseSeconds());
            }
        }

        Side side() {
            return new Side(
                    due,
                    inTime,
                    breaches,
                    warnings,
                    escalations,
                    cancelled,
                    open,
                    due == 0 ? null : Math.round(10_000.0 * inTime / due) / 10_000.0,
                    responses.quantile(0.5),
                    responses.quantile(0.9));
        }
    }

    /**
     * Seconds: one bucket per second below 100 s, then buckets 1 % wide; a quantile is the mean of
     * its bucket's values (exact when they are all the same).
     */
    static final class ResponseHistogram {
        private static final int EXACT = 100;
        private static final double GROWTH = Math.log(1.01);
        private static final int BUCKETS = EXACT + 2_000;
        private final long[] counts = new long[BUCKETS];
        private final long[] sums = new long[BUCKETS];
        private long total;

        void add(long seconds) {
            int i = index(Math.max(0, seconds));
            counts[i]++;
            sums[i] += Math.max(0, seconds);
            total++;
        }

        static int index(long seconds) {
            if (seconds < EXACT) {
                return (int) seconds;
            }
            return Math.min(BUCKETS - 1, EXACT + (int) (Math.log((double) seconds / EXACT) / GROWTH));
        }

        /** The nearest-rank quantile, or null without values. */
        Long quantile(double q) {
            if (total == 0) {
                return null;
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.round((double) sums[i] / counts[i]);
                }
            }
            throw new IllegalStateException("counted " + total + " values, found " + seen);
        }
    }
}
