package dev.leadpact.reporting;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain SQL on the service's database, as the service itself uses it (JDBC, no entity): which events
 * were stored, and read models to spoil before a rebuild.
 */
final class ServiceDatabase {
    private ServiceDatabase() {}

    /** How many events with an id like the pattern ({@code %} any text) the consumers stored. */
    static long storedEvents(DataSource db, String eventIdPattern) {
        return count(db, "SELECT count(*) FROM processed_event WHERE event_id LIKE ?", eventIdPattern);
    }

    /** The number a {@code SELECT count(*)} answers. */
    static long count(DataSource db, String sql, Object... parameters) {
        return run(db, sql, parameters, statement -> {
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** One statement in a transaction of its own (the pool's connections commit automatically). */
    static void execute(DataSource db, String sql) {
        run(db, sql, new Object[0], PreparedStatement::executeUpdate);
    }

    private interface Work<T> {
        T on(PreparedStatement statement) throws SQLException;
    }

    private static <T> T run(DataSource db, String sql, Object[] parameters, Work<T> work) {
        try (Connection c = db.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return work.on(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
