package dev.leadpact.reporting.evaluation;

import dev.leadpact.reporting.plan.ProRata;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Marketing's lead commitment: qualified leads per rep and month times the reps of a team or
 * segment, due pro rata by days of the month ({@link ProRata}), so a week's commitment is its days'
 * share and a partial range only commits its days.
 */
public final class Commitments {
    static final String ALL = "all";

    private final long perRepPerMonth;
    private final Map<String, Long> monthlyByScope = new TreeMap<>();

    /**
     * @param teamReps reps per team; their sum is the whole commitment
     * @param segmentReps reps per segment; the whole commitment when no team is configured
     */
    public Commitments(long perRepPerMonth, Map<String, Integer> teamReps, Map<String, Integer> segmentReps) {
        this.perRepPerMonth = perRepPerMonth;
        teamReps.forEach((team, reps) -> monthlyByScope.put("team:" + team, perRepPerMonth * reps));
        segmentReps.forEach((segment, reps) -> monthlyByScope.put("segment:" + segment, perRepPerMonth * reps));
        Map<String, Integer> whole = teamReps.isEmpty() ? segmentReps : teamReps;
        if (!whole.isEmpty()) {
            monthlyByScope.put(
                    ALL,
                    perRepPerMonth
                            * whole.values().stream()
                                    .mapToLong(Integer::longValue)
                                    .sum());
        }
    }

    public long perRepPerMonth() {
        return perRepPerMonth;
    }

    /** The scopes with a commitment: {@code all}, {@code team:<team>}, {@code segment:<segment>}. */
    public Iterable<String> scopes() {
        return monthlyByScope.keySet();
    }

    /** Qualified leads committed to the scope from {@code first} to {@code last} (inclusive); null without reps. */
    public Long due(String scope, LocalDate first, LocalDate last) {
        Long monthly = monthlyByScope.get(scope);
        return monthly == null ? null : ProRata.due(monthly, first, last);
    }
}
