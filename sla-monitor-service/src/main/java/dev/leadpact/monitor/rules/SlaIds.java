package dev.leadpact.monitor.rules;

import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Deterministic ids (name-based UUIDs): the same breach always gets the same id, and each kind of
 * event about it the same event id, so a re-emit is recognisable downstream.
 */
public final class SlaIds {
    private SlaIds() {}

    public static String breachId(String leadId, SlaRule rule, Instant dueAt) {
        return uuid("breach|" + leadId + "|" + rule.name() + "|" + dueAt);
    }

    public static String eventId(String breachId, SlaEventKind kind) {
        return uuid("sla-event|" + breachId + "|" + kind.name());
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
