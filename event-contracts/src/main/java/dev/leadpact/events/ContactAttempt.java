package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonFormat;
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

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        ContactChannel channel,

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        AttemptOutcome outcome,

        String note)
        implements SalesActivity {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.contactAttempt(this);
    }
}
