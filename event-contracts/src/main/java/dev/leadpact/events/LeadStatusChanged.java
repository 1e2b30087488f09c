package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** The lead's status changed in the CRM; {@code reason} is free text (e.g. "not a fit"). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LeadStatusChanged(
        String eventId,
        String leadId,
        Instant occurredAt,

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        LeadStatus status,

        String reason,
        String changedBy)
        implements SalesActivity {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.statusChanged(this);
    }
}
