package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum ContactChannel {
    PHONE,
    EMAIL,
    SOCIAL,
    MEETING,
    /** Any other channel; also what a reader makes of a channel added after it was built. */
    @JsonEnumDefaultValue
    OTHER
}
