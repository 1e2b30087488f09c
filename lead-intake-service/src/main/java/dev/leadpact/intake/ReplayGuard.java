package dev.leadpact.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the signatures seen within the time window, so that a captured webhook cannot be
 * replayed to this instance. Across instances a replay still yields the same event id (derived
 * from the CRM's id), which consumers drop as a duplicate.
 */
final class ReplayGuard {
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();
    private final Duration window;

    ReplayGuard(Duration window) {
        this.window = window;
    }

    /** True the first time a signature is offered within the window. */
    boolean firstTime(String signature, Instant now) {
        if (seen.size() > 10_000) {
            seen.values().removeIf(expiry -> expiry.isBefore(now));
        }
        Instant expiry = now.plus(window).plus(window);
        Instant previous = seen.putIfAbsent(signature, expiry);
        if (previous != null && previous.isBefore(now)) {
            seen.put(signature, expiry);
            return true;
        }
        return previous == null;
    }

    /** Forgets a signature whose request was not accepted, so the CRM's retry is not mistaken for a replay. */
    void forget(String signature) {
        seen.remove(signature);
    }
}
