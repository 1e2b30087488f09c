package dev.leadpact.monitor.commitment;

import java.time.Duration;
import java.time.Instant;

/**
 * One rep of one scope: the first and the latest time a lead of the scope was assigned to them (a
 * row of {@code commitment_rep}).
 */
public record RepSpan(String scope, String ownerId, Instant firstAssignedAt, Instant lastAssignedAt) {

    /** The span of an assignment at {@code at}. */
    public static RepSpan at(String scope, String ownerId, Instant at) {
        return new RepSpan(scope, ownerId, at, at);
    }

    /** This span widened to cover {@code other}'s (same scope and rep). */
    public RepSpan union(RepSpan other) {
        return new RepSpan(
                scope,
                ownerId,
                firstAssignedAt.isBefore(other.firstAssignedAt) ? firstAssignedAt : other.firstAssignedAt,
                lastAssignedAt.isAfter(other.lastAssignedAt) ? lastAssignedAt : other.lastAssignedAt);
    }

    /**
     * Whether the rep counts for the scope at {@code at}: first assigned before it, and assigned
     * a lead at most {@code rosterWindow} before it.
     */
    public boolean servesAt(Instant at, Duration rosterWindow) {
        return firstAssignedAt.isBefore(at) && !lastAssignedAt.isBefore(at.minus(rosterWindow));
    }
}
