package dev.leadpact.reporting.problem;

import java.sql.SQLException;

/**
 * The database could not answer a report now: the statement ran past the query timeout, or the
 * database is unreachable. Answered as 503 with Retry-After.
 */
public class ReportUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** SQLSTATE query_canceled: the statement timeout fired. */
    private static final String QUERY_CANCELED = "57014";

    private final boolean timedOut;

    private ReportUnavailableException(String message, Throwable cause, boolean timedOut) {
        super(message, cause);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }

    /** This exception for a timeout or an unreachable database; {@code e} itself otherwise. */
    public static RuntimeException ifTransient(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                if (sql.getSQLState().equals(QUERY_CANCELED)) {
                    return new ReportUnavailableException("the report took longer than the query timeout", e, true);
                }
                if (sql.getSQLState().startsWith("08")) {
                    return new ReportUnavailableException("the database cannot be reached", e, false);
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e;
    }
}
