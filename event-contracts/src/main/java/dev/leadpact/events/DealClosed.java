package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/** A deal closed, won or lost, with its amount. Topic {@link Topics#DEALS_CLOSED}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DealClosed(
        String eventId,
        String dealId,
        String leadId,
        DealOutcome outcome,
        BigDecimal amount,
        String currency,
        Instant closedAt,
        String ownerId)
        implements LeadEvent {

    /** A deal's event time is when it closed. */
    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return closedAt;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.dealClosed(this);
    }
}
