package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum SlaRule {
    FIRST_CONTACT_OVERDUE,
    ATTEMPT_MINIMUM_MISSED,
    PREMATURE_CONTACT,
    FEEDBACK_OVERDUE,
    LEAD_VOLUME_SHORTFALL,
    /**
     * Never sent: what a reader makes of a rule added after it was built (see {@link SlaEvent#rule}).
     * Such an event is about an SLA this reader cannot judge; LeadPact's consumers skip it.
     */
    @JsonEnumDefaultValue
    UNKNOWN
}
