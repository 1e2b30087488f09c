package dev.leadpact.reporting.problem;

/**
 * A what-if proposal the monitor would not get: answered as 400 problem+json naming the body's
 * {@code field} (such as {@code segments.mid.firstContact}), before anything is sent to the monitor.
 */
public class InvalidProposalException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidProposalException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
