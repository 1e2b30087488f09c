package dev.leadpact.events;

import java.time.Instant;

/** What every event about a lead has: its CloudEvents id, its Kafka key, and its event time. */
public interface LeadEvent {
    String eventId();

    String leadId();

    Instant occurredAt();
}
