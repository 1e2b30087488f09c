package dev.leadpact.reporting.problem;

/** A query parameter the reports cannot use; answered as 400 problem+json naming the parameter. */
public class InvalidFilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    public InvalidFilterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
