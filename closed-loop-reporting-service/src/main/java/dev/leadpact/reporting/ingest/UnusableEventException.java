package dev.leadpact.reporting.ingest;

/** A record that can never be stored, whatever the retries: it belongs in the dead-letter topic. */
public class UnusableEventException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnusableEventException(String message) {
        super(message);
    }
}
