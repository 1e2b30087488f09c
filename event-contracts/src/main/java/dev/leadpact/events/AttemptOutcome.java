package dev.leadpact.events;

public enum AttemptOutcome {
    NO_ANSWER,
    VOICEMAIL,
    CONNECTED,
    BAD_NUMBER,
    EMAIL_SENT,
    EMAIL_REPLIED;

    /** A conversation happened: the lead was reached, so the attempt minimum no longer applies. */
    public boolean isConnected() {
        return this == CONNECTED || this == EMAIL_REPLIED;
    }
}
