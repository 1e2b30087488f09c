package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The lead got an owner (a sales rep), with the rep's manager and team for escalations. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnerAssigned(
        String eventId, String leadId, Instant occurredAt, String ownerId, String managerId, String team)
        implements SalesActivity {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.ownerAssigned(this);
    }
}
