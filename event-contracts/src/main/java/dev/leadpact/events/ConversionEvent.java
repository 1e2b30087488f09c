package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A lead converted on an offer (a form, a demo request, a download). Topic {@link
 * Topics#CONVERSIONS}.
 *
 * @param submissionId the client's idempotency key or submission id, when it gave one
 * @param crmLeadId the CRM's lead id when the form carried one (it then is the {@code leadId})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversionEvent(
        String eventId,
        String leadId,
        Instant occurredAt,
        String submissionId,
        String formId,
        String offer,
        Stage stage,
        Segment segment,

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
        JourneyPhase journeyPhase,

        String email,
        String firstName,
        String lastName,
        String phone,
        String jobTitle,
        String company,
        Integer employees,
        String country,
        String channel,
        String pageUrl,
        String landingPage,
        String referrer,
        Utm utm,
        String crmLeadId)
        implements LeadEvent {

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.conversion(this);
    }
}
