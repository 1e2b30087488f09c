package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** A lead's status in the CRM. The last three give the lead up and count as a reported outcome. */
public enum LeadStatus {
    NEW,
    WORKING,
    MEETING_BOOKED,
    UNREACHABLE,
    DISQUALIFIED,
    RECYCLED,
    /**
     * Never sent: what a reader makes of a status added after it was built (see {@link
     * LeadStatusChanged#status}). It neither gives the lead up nor reports an outcome.
     */
    @JsonEnumDefaultValue
    UNKNOWN;

    public boolean givesUp() {
        return this == UNREACHABLE || this == DISQUALIFIED || this == RECYCLED;
    }
}
