package dev.leadpact.reporting.readmodel;

import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.problem.ReportUnavailableException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs a report's statements: in one transaction (joining the caller's, so that the parts of the SLA
 * evaluation read one state), each statement bounded by {@code leadpact.reporting.query-timeout}. A
 * statement the database cancels, or a database that cannot be reached, becomes a 503 problem, never
 * a hung request.
 */
@ApplicationScoped
public class Queries {

    /** Work on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final long timeoutMillis;

    Queries(DataSource dataSource, ReportingConfig config) {
        this.dataSource = dataSource;
        this.timeoutMillis = config.queryTimeout().toMillis();
    }

    public <T> T read(Work<T> work) {
        try {
            return QuarkusTransaction.joiningExisting().call(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    try (Statement timeout = connection.createStatement()) {
                        timeout.execute("SET LOCAL statement_timeout = " + timeoutMillis);
                    }
                    return work.apply(connection);
                }
            });
        } catch (RuntimeException e) {
            throw ReportUnavailableException.ifTransient(e);
        }
    }
}
