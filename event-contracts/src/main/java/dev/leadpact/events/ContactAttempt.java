package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A sales rep tried to reach the lead. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContactAttempt(
        String eventId,
        String leadId,
        Instant occurredAt,
        String repId,
        ContactChannel channel,
        AttemptOutcome outcome,
        String note)
        implements SalesActivity {}
