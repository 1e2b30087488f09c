package dev.leadpact.reporting.ingest;

/** A record that can never be stored, whatever the retries: it belongs in the dead-letter topic ({@link dev.leadpact.ingest.BatchIngest}). */
public class UnusableEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnusableEventException(String message) {
        super(message);
    }
}
