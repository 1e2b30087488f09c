package dev.leadpact.events;

/** A lead's status in the CRM. The last three give the lead up and count as a reported outcome. */
public enum LeadStatus {
    NEW,
    WORKING,
    MEETING_BOOKED,
    UNREACHABLE,
    DISQUALIFIED,
    RECYCLED;

    public boolean givesUp() {
        return this == UNREACHABLE || this == DISQUALIFIED || this == RECYCLED;
    }
}
