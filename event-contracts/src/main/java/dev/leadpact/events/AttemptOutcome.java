package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

public enum AttemptOutcome {
    NO_ANSWER,
    VOICEMAIL,
    CONNECTED,
    BAD_NUMBER,
    EMAIL_SENT,
    EMAIL_REPLIED,
    /**
     * Never sent: what a reader makes of an outcome added after it was built (see {@link
     * ContactAttempt#outcome}). The attempt still counts as an attempt, not as a conversation.
     */
    @JsonEnumDefaultValue
    UNKNOWN;

    /** A conversation happened: the lead was reached, so the attempt minimum no longer applies. */
    public boolean isConnected() {
        return this == CONNECTED || this == EMAIL_REPLIED;
    }
}
