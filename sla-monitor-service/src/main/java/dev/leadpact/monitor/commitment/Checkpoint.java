package dev.leadpact.monitor.commitment;

import java.time.Instant;

/**
 * A pacing checkpoint of one scope and, once it fired, its count: a row of {@code
 * commitment_checkpoint}.
 *
 * @param monthStart the start of the month it counts (for the month's end: the month ending)
 * @param firedAt when it was first counted
 * @param verdict {@code null} before the first count, and when its scope is no longer tracked
 */
public record Checkpoint(
        String scope,
        Instant dueAt,
        Instant monthStart,
        boolean monthEnd,
        Instant firedAt,
        Integer reps,
        Long target,
        Long expected,
        Long delivered,
        Verdict verdict) {}
