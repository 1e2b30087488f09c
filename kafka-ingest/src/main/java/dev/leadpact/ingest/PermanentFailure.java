package dev.leadpact.ingest;

/**
 * Work that failed for a reason no retry can cure ({@link Transience}): the records it was given go
 * to their dead-letter topic, one by one, with {@link #reason()}.
 */
public final class PermanentFailure extends RuntimeException {
    PermanentFailure(Throwable cause) {
        super(cause);
    }

    /** The root cause's message: what the dead-letter record's reason header says. */
    public String reason() {
        return Transience.rootMessage(getCause());
    }
}
