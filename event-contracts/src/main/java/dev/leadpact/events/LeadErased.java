package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A lead asked to be forgotten (GDPR Art. 17). Topic {@link Topics#LEAD_ERASURES}, keyed by lead id.
 * Every service that stores the lead's facts replaces its lead id with a random pseudonym and drops
 * its personal fields, and from then on ignores events about the lead that happened before
 * {@code occurredAt}. Carries no personal data itself: only the lead id, which is what the
 * services store.
 *
 * @param occurredAt when the intake accepted the erasure: facts of the lead up to then are erased
 * @param requestId the sender's id of the request (a ticket), to trace it; not personal
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadErased(String eventId, String leadId, Instant occurredAt, String requestId) {}
