package dev.leadpact.monitor.rules;

import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic ids (name-based UUIDs): the same breach always gets the same id, each kind of event
 * about it the same event id, and each count of a commitment checkpoint its own id, so a re-emit is
 * recognisable downstream.
 */
public final class SlaIds {
    private SlaIds() {}

    public static String breachId(String leadId, SlaRule rule, Instant dueAt) {
        return uuid("breach|" + leadId + "|" + rule.name() + "|" + dueAt);
    }

    public static String eventId(String breachId, SlaEventKind kind) {
        return uuid("sla-event|" + breachId + "|" + kind.name());
    }

    /**
     * The id of one count of a marketing-commitment checkpoint: scope, due time and count time, so
     * each count is its own event and the outbox re-sends a count under the id it was stored with.
     */
    public static String checkpointEventId(String scope, Instant dueAt, Instant countedAt) {
        return uuid("commitment-checkpoint|" + scope + "|" + dueAt + "|" + countedAt);
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
