package dev.leadpact.reporting.problem;

/**
 * The SLA monitor behind the dashboard's what-if panel could not serve a request: it did not answer
 * at all (503 with Retry-After), or answered with a failure of its own or refused this service's key
 * (502). The message says which, with the monitor's URL, and is the problem's detail.
 */
public class SlaMonitorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean answered;

    private SlaMonitorException(String message, Throwable cause, boolean answered) {
        super(message, cause);
        this.answered = answered;
    }

    /** Nothing came back: refused, timed out, or the address does not resolve. */
    public static SlaMonitorException unreachable(String url, Throwable cause) {
        return new SlaMonitorException("the SLA monitor at " + url + " is not reachable", cause, false);
    }

    /** An answer this service cannot pass on to the browser. */
    public static SlaMonitorException failed(String message) {
        return new SlaMonitorException(message, null, true);
    }

    public boolean answered() {
        return answered;
    }
}
