package dev.leadpact.intake;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How many posts each client may make per window (a fixed window: the count starts again at every
 * multiple of the window since the epoch). Memory is one counter per client seen in the current
 * window, at most {@code maxClients}: beyond that a new client is refused until the window turns,
 * so that a flood from many addresses sheds load instead of growing the heap.
 */
final class ClientRateLimit {
    private final int requests;
    private final long windowMillis;
    private final int maxClients;
    private final Clock clock;

    private long windowStart = Long.MIN_VALUE;
    private Map<String, Integer> counts = new HashMap<>();

    ClientRateLimit(int requests, Duration window, int maxClients, Clock clock) {
        if (requests < 1 || window.toMillis() < 1) {
            throw new IllegalArgumentException("a rate limit needs at least one request per window of 1 ms or more");
        }
        this.requests = requests;
        this.windowMillis = window.toMillis();
        this.maxClients = maxClients;
        this.clock = clock;
    }

    /**
     * Counts a post of this client: 0 when it may pass, else the whole seconds until the window
     * turns (at least 1), for {@code Retry-After}.
     */
    synchronized long admit(String client) {
        long now = clock.millis();
        long start = now - Math.floorMod(now, windowMillis);
        if (start != windowStart) {
            windowStart = start;
            counts = new HashMap<>();
        }
        Integer seen = counts.get(client);
        if (seen == null && counts.size() >= maxClients) {
            return retryAfter(start, now);
        }
        int count = seen == null ? 1 : seen + 1;
        counts.put(client, count);
        return count <= requests ? 0 : retryAfter(start, now);
    }

    private long retryAfter(long start, long now) {
        return Math.max(1, (start + windowMillis - now + 999) / 1000);
    }
}
