package dev.leadpact.reporting.readmodel;

import dev.leadpact.reporting.facts.FactStore;
import dev.leadpact.reporting.facts.SlaRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Recomputes every read model from the stored facts, after a migration or a change of a rule or
 * setting they depend on (the time-decay half-life, the feedback deadline, a policy calendar). It
 * empties them, then projects every lead, a batch per transaction, through the same {@link
 * ReadModels#project} the consumers use, so a rebuild gives what ingest gave.
 *
 * <p>It may run while the service consumes: a batch the consumers store meanwhile projects its leads
 * against whatever is there (an empty row counts as nothing yet), and the rebuild later finds those
 * rows already current. Reports show partial numbers until it ends. One rebuild runs at a time across
 * all instances (a PostgreSQL advisory lock held by the rebuild's session).
 */
@ApplicationScoped
public class ReadModelRebuild {
    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);
    private static final long LOCK = 0x4C50_5242_5549_4C44L;
    private static final int LEADS_PER_BATCH = 500;
    private static final int EVENTS_PER_BATCH = 5000;
    /** Where lead ids are: every fact table (a lead volume shortfall is keyed by its commitment's scope). */
    private static final List<String> LEAD_SOURCES = List.of(
            "touchpoint WHERE TRUE",
            "sales_activity WHERE TRUE",
            "deal WHERE TRUE",
            "sla_event WHERE rule <> 'LEAD_VOLUME_SHORTFALL'");

    /** How far a rebuild has come. */
    public record Progress(long leads, long totalLeads, long slaEvents, Duration elapsed) {
        public double leadsPerSecond() {
            return elapsed.isZero() ? 0 : leads * 1000.0 / elapsed.toMillis();
        }

        @Override
        public String toString() {
            double rate = leadsPerSecond();
            long left = rate <= 0 ? 0 : (long) Math.ceil((totalLeads - leads) / rate);
            return String.format(
                    "read models of %,d of %,d leads rebuilt (%.1f %%), %,d SLA events; %,.0f leads/s, %s",
                    leads,
                    totalLeads,
                    totalLeads == 0 ? 100.0 : 100.0 * leads / totalLeads,
                    slaEvents,
                    rate,
                    leads == totalLeads ? "done in " + elapsed.toSeconds() + " s" : "about " + left + " s left");
        }
    }

    private final DataSource dataSource;
    private final ReadModels readModels;

    ReadModelRebuild(DataSource dataSource, ReadModels readModels) {
        this.dataSource = dataSource;
        this.readModels = readModels;
    }

    /**
     * @param progress told after every batch
     * @throws IllegalStateException when another rebuild holds the lock
     */
    public Progress run(Consumer<Progress> progress) {
        long started = System.nanoTime();
        try (Connection lock = dataSource.getConnection()) {
            if (!advisory(lock, "pg_try_advisory_lock")) {
                throw new IllegalStateException("another rebuild of the read models is running");
            }
            try {
                long total = transaction(connection -> {
                    readModels.truncate(connection);
                    return countLeads(connection);
                });
                LOG.infof("rebuilding the read models of %,d leads", total);
                long sla = 0;
                String afterEvent = null;
                while (true) {
                    String after = afterEvent;
                    List<SlaRecord> events =
                            transaction(connection -> FactStore.slaEventsAfter(connection, after, EVENTS_PER_BATCH));
                    if (events.isEmpty()) {
                        break;
                    }
                    transaction(connection -> {
                        readModels.recordBreaches(connection, events);
                        return null;
                    });
                    sla += events.size();
                    afterEvent = events.get(events.size() - 1).eventId;
                }
                long leads = 0;
                String afterLead = "";
                Progress last = new Progress(0, total, sla, elapsed(started));
                while (true) {
                    String after = afterLead;
                    List<String> batch = transaction(connection -> nextLeads(connection, after));
                    if (batch.isEmpty()) {
                        break;
                    }
                    transaction(connection -> {
                        readModels.project(connection, batch, new HashSet<>(batch));
                        return null;
                    });
                    leads += batch.size();
                    afterLead = batch.get(batch.size() - 1);
                    last = new Progress(leads, Math.max(total, leads), sla, elapsed(started));
                    progress.accept(last);
                }
                Progress done = new Progress(leads, leads, sla, elapsed(started));
                LOG.infof("rebuilt: %s", done);
                return done;
            } finally {
                advisory(lock, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the rebuild failed: " + e.getMessage(), e);
        }
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static boolean advisory(Connection connection, String function) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT " + function + "(?)")) {
            lock.setLong(1, LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static long countLeads(Connection connection) throws SQLException {
        String union = LEAD_SOURCES.stream()
                .map(source -> "SELECT lead_id FROM " + source)
                .collect(Collectors.joining(" UNION "));
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM (" + union + ") AS leads");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The next lead ids after {@code after}, in the database's order: the first ones of the union of
     * each fact table's next ids (each an index range), which are certain to be all there are up to
     * the last of them. The database compares, so its collation is the one order used.
     */
    private static List<String> nextLeads(Connection connection, String after) throws SQLException {
        String union = LEAD_SOURCES.stream()
                .map(source -> "(SELECT DISTINCT lead_id FROM " + source + " AND lead_id > ? ORDER BY lead_id LIMIT ?)")
                .collect(Collectors.joining(" UNION "));
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT lead_id FROM (" + union + ") AS ids ORDER BY lead_id LIMIT ?")) {
            int i = 1;
            for (int source = 0; source < LEAD_SOURCES.size(); source++) {
                select.setString(i++, after);
                select.setInt(i++, LEADS_PER_BATCH);
            }
            select.setInt(i, LEADS_PER_BATCH);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    @FunctionalInterface
    private interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T transaction(Work<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return work.apply(connection);
            }
        });
    }
}
