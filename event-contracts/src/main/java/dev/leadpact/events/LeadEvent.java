package dev.leadpact.events;

import java.time.Instant;

/**
 * What every event about a lead has: its CloudEvents id, its Kafka key, and its event time.
 *
 * <p>Sealed: the events below are all there are, and {@link #accept} dispatches over them. A
 * consumer that implements {@link Visitor} handles every kind, and a new kind does not compile
 * until each consumer says what it does with it (the build is Java 17, whose pattern-matching
 * {@code switch} is a preview feature).
 */
public sealed interface LeadEvent permits ConversionEvent, SalesActivity, DealClosed, SlaEvent {
    String eventId();

    String leadId();

    Instant occurredAt();

    /** Calls the visitor's method for this event's kind. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of lead event. */
    interface Visitor<R> {
        R conversion(ConversionEvent conversion);

        R contactAttempt(ContactAttempt attempt);

        R statusChanged(LeadStatusChanged change);

        R ownerAssigned(OwnerAssigned assignment);

        R dealClosed(DealClosed deal);

        R slaEvent(SlaEvent event);
    }
}
