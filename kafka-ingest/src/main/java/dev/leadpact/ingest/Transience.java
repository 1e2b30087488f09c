package dev.leadpact.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure that may pass (the database or broker is away, busy, or rolled the transaction
 * back) from one that the record itself causes and that no retry can cure.
 *
 * <p>A database error is transient unless its SQLSTATE says the data is wrong: class {@code 22}
 * (data exception: a value out of range, an invalid text) or class {@code 23} (integrity constraint)
 * except {@code 23505}, a unique key that a concurrent writer took first. So a refused connection, a
 * pool that times out, a server shutting down, a deadlock, a missing table or privilege (the whole
 * service is misconfigured, not this record) all wait for the operator instead of sending every
 * record to the dead-letter topic. An I/O error and Kafka's retriable errors are transient; anything
 * else (a bug that this record triggers, say) is not.
 */
public final class Transience {
    private static final Set<String> RACES = Set.of("23505");

    private Transience() {}

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return isTransient(sql.getSQLState());
            }
            if (t instanceof IOException
                    || t instanceof RetriableException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    static boolean isTransient(String sqlState) {
        if (sqlState == null || sqlState.length() < 2 || RACES.contains(sqlState)) {
            return true;
        }
        String sqlClass = sqlState.substring(0, 2);
        return !sqlClass.equals("22") && !sqlClass.equals("23");
    }

    /** The innermost message of a failure, for logs and the dead-letter reason. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
