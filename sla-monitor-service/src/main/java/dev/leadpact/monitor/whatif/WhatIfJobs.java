package dev.leadpact.monitor.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.monitor.MonitorSettings;
import dev.leadpact.monitor.rules.LeadSlaState;
import dev.leadpact.monitor.rules.PolicyVersions;
import dev.leadpact.monitor.rules.SlaEngine;
import dev.leadpact.monitor.rules.Verdict;
import dev.leadpact.policy.PolicyBook;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * What-if simulations as jobs: each reads the leads touched since its period began, in lead id
 * order and in batches (one short read each; no transaction held over the job), judges each with
 * the monitor's engine (the versions in force, as the monitor applies them) and with the proposed
 * policies, and stores progress, the flipped commitments and finally the result. It only reads
 * {@code lead_sla_state}: no state, timer or outbox changes, nothing is published. At most {@code
 * leadpact.monitor.what-if.concurrency} run at once, on low-priority threads.
 */
@ApplicationScoped
public class WhatIfJobs {
    private static final Logger LOG = Logger.getLogger(WhatIfJobs.class);
    /** A running job without progress for this long ran on an instance that stopped. */
    static final Duration STALLED_AFTER = Duration.ofMinutes(2);

    public record Request(Instant from, Instant to, Map<String, String> settings) {}

    public record Progress(long leadsDone, Long leadsTotal, Double leadsPerSecond, Long secondsLeft) {}

    public record Result(Instant evaluatedAt, long flips, List<WhatIfTally.Group> groups) {}

    /**
     * @param status QUEUED, RUNNING, DONE, FAILED, or STALLED (no progress for two minutes: the
     *     instance running it stopped)
     */
    public record JobView(
            UUID id,
            String status,
            Instant from,
            Instant to,
            Map<String, String> settings,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt,
            Progress progress,
            Result result,
            String error) {}

    private final DataSource dataSource;
    private final SlaEngine engine;
    private final ObjectMapper json;
    private final Clock clock;
    private final MonitorSettings.WhatIf settings;
    private final ThreadPoolExecutor executor;

    WhatIfJobs(DataSource dataSource, SlaEngine engine, ObjectMapper json, Clock clock, MonitorSettings settings) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.json = json;
        this.clock = clock;
        this.settings = settings.whatIf();
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                this.settings.concurrency(),
                this.settings.concurrency(),
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, this.settings.queue())),
                task -> {
                    Thread thread = new Thread(task, "sla-what-if-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /**
     * Checks the request, stores the job and queues it.
     *
     * @throws IllegalArgumentException when the period or the proposal is invalid (the message says why)
     * @throws RejectedExecutionException when the queue is full
     */
    public JobView submit(Request request) {
        if (request.from() == null || request.to() == null) {
            throw new IllegalArgumentException("from and to are required, as ISO-8601 instants");
        }
        if (!request.from().isBefore(request.to())) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (Duration.between(request.from(), request.to()).compareTo(settings.maxPeriod()) > 0) {
            throw new IllegalArgumentException("a simulation covers at most " + settings.maxPeriod());
        }
        Map<String, String> normalised =
                ProposedPolicies.normalise(request.settings() == null ? Map.of() : request.settings());
        PolicyBook proposed = ProposedPolicies.resolve(normalised);
        Request stored = new Request(request.from(), request.to(), normalised);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        db(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO sla_simulation (id, status, request, created_at) VALUES (?, 'QUEUED', ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, write(stored));
                insert.setObject(3, utc(now));
                insert.executeUpdate();
            }
            return null;
        });
        try {
            executor.execute(() -> run(id, stored, proposed));
        } catch (RejectedExecutionException e) {
            db(c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM sla_simulation WHERE id = ?")) {
                    delete.setObject(1, id);
                    delete.executeUpdate();
                }
                return null;
            });
            throw e;
        }
        return find(id).orElseThrow();
    }

    private void run(UUID id, Request request, PolicyBook proposal) {
        SlaEngine proposed = new SlaEngine(PolicyVersions.only(proposal));
        Instant started = clock.instant();
        try {
            long total = sql(c -> {
                try (PreparedStatement count =
                        c.prepareStatement("SELECT count(*) FROM lead_sla_state WHERE updated_at >= ?")) {
                    count.setObject(1, utc(request.from()));
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            sql(c -> {
                try (PreparedStatement start = c.prepareStatement("UPDATE sla_simulation SET status = 'RUNNING',"
                        + " started_at = ?, progress_at = ?, leads_total = ? WHERE id = ?")) {
                    start.setObject(1, utc(started));
                    start.setObject(2, utc(started));
                    start.setLong(3, total);
                    start.setObject(4, id);
                    start.executeUpdate();
                }
                return null;
            });
            WhatIfTally tally = new WhatIfTally();
            String after = "";
            long done = 0;
            int flips = 0;
            while (true) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("the monitor is stopping");
                }
                List<LeadSlaState> batch = read(request.from(), after);
                if (batch.isEmpty()) {
                    break;
                }
                List<WhatIfTally.Flip> found = new ArrayList<>();
                for (LeadSlaState state : batch) {
                    List<Verdict> current = engine.verdicts(state, request.from(), request.to(), started);
                    List<Verdict> next = proposed.verdicts(state, request.from(), request.to(), started);
                    if (!current.isEmpty() || !next.isEmpty()) {
                        LeadSlaState.OwnerMark owner = state.owners.stream()
                                .max(Comparator.comparing(LeadSlaState.OwnerMark::at)
                                        .thenComparing(LeadSlaState.OwnerMark::eventId))
                                .orElse(null);
                        found.addAll(tally.add(
                                owner == null ? null : owner.ownerId(),
                                owner == null ? null : owner.team(),
                                current,
                                next));
                    }
                }
                after = batch.get(batch.size() - 1).leadId;
                done += batch.size();
                progress(id, done, found, flips);
                flips += found.size();
            }
            Result result = new Result(started, flips, tally.groups());
            long finalDone = done;
            sql(c -> {
                try (PreparedStatement finish = c.prepareStatement("UPDATE sla_simulation SET status = 'DONE',"
                        + " finished_at = ?, progress_at = ?, leads_done = ?, leads_total = GREATEST(leads_total, ?),"
                        + " result = ? WHERE id = ?")) {
                    Instant end = clock.instant();
                    finish.setObject(1, utc(end));
                    finish.setObject(2, utc(end));
                    finish.setLong(3, finalDone);
                    finish.setLong(4, finalDone);
                    finish.setString(5, write(result));
                    finish.setObject(6, id);
                    finish.executeUpdate();
                }
                return null;
            });
            LOG.infof(
                    "What-if %s done: %d leads, %d flips, in %d ms",
                    id, done, flips, Duration.between(started, clock.instant()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(id, "the monitor stopped before the simulation finished; post it again");
        } catch (RuntimeException | SQLException e) {
            LOG.errorf(e, "What-if %s failed", id);
            fail(id, "the simulation failed: " + e.getMessage());
        }
    }

    private List<LeadSlaState> read(Instant from, String after) throws SQLException {
        return sql(c -> {
            List<LeadSlaState> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT lead_id, state FROM lead_sla_state"
                    + " WHERE updated_at >= ? AND lead_id > ? ORDER BY lead_id LIMIT ?")) {
                select.setObject(1, utc(from));
                select.setString(2, after);
                select.setInt(3, settings.batchSize());
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        try {
                            out.add(json.readValue(rs.getString(2), LeadSlaState.class));
                        } catch (JsonProcessingException e) {
                            throw new IllegalStateException(
                                    "stored SLA state of lead " + rs.getString(1) + " is unreadable", e);
                        }
                    }
                }
            }
            return out;
        });
    }

    private void progress(UUID id, long done, List<WhatIfTally.Flip> flips, int seqBefore) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO sla_simulation_flip (simulation_id, seq,"
                            + " lead_id, rule, segment, stage, owner_id, team, started_at, current_status,"
                            + " current_due_at, proposed_status, proposed_due_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement update = c.prepareStatement(
                            "UPDATE sla_simulation SET leads_done = ?, progress_at = ? WHERE id = ?")) {
                int seq = seqBefore;
                for (WhatIfTally.Flip f : flips) {
                    insert.setObject(1, id);
                    insert.setInt(2, ++seq);
                    insert.setString(3, f.leadId());
                    insert.setString(4, f.rule().name());
                    insert.setString(5, f.segment());
                    insert.setString(6, f.stage());
                    insert.setString(7, f.ownerId());
                    insert.setString(8, f.team());
                    insert.setObject(9, utc(f.start()));
                    insert.setString(10, f.currentStatus());
                    insert.setObject(11, f.currentDueAt() == null ? null : utc(f.currentDueAt()));
                    insert.setString(12, f.proposedStatus());
                    insert.setObject(13, f.proposedDueAt() == null ? null : utc(f.proposedDueAt()));
                    insert.addBatch();
                }
                if (!flips.isEmpty()) {
                    insert.executeBatch();
                }
                update.setLong(1, done);
                update.setObject(2, utc(clock.instant()));
                update.setObject(3, id);
                update.executeUpdate();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void fail(UUID id, String error) {
        try {
            sql(c -> {
                try (PreparedStatement failed = c.prepareStatement(
                        "UPDATE sla_simulation SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ?")) {
                    failed.setObject(1, utc(clock.instant()));
                    failed.setString(2, error);
                    failed.setObject(3, id);
                    failed.executeUpdate();
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "What-if %s: could not record that it failed (%s)", id, error);
        }
    }

    public Optional<JobView> find(UUID id) {
        return db(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT status, request, created_at, started_at,"
                    + " finished_at, progress_at, leads_total, leads_done, result, error FROM sla_simulation"
                    + " WHERE id = ?")) {
                select.setObject(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(view(id, rs));
                }
            }
        });
    }

    private JobView view(UUID id, ResultSet rs) throws SQLException {
        Request request = read(rs.getString("request"), Request.class);
        Instant created = instant(rs, "created_at");
        Instant started = instant(rs, "started_at");
        Instant progressAt = instant(rs, "progress_at");
        String status = rs.getString("status");
        String error = rs.getString("error");
        Instant now = clock.instant();
        Instant lastSign = progressAt != null ? progressAt : created;
        if (status.equals("RUNNING") && Duration.between(lastSign, now).compareTo(STALLED_AFTER) > 0) {
            status = "STALLED";
            error = "no progress since " + lastSign + ": the instance running it stopped; post the simulation again";
        }
        long done = rs.getLong("leads_done");
        long totalValue = rs.getLong("leads_total");
        Long total = rs.wasNull() ? null : totalValue;
        Double rate = null;
        Long left = null;
        if (started != null && progressAt != null && progressAt.isAfter(started) && done > 0) {
            rate = done * 1000.0 / Duration.between(started, progressAt).toMillis();
            rate = Math.round(rate * 10) / 10.0;
            if (total != null && status.equals("RUNNING")) {
                left = Math.max(0, Math.round((total - done) / rate));
            }
        }
        String result = rs.getString("result");
        return new JobView(
                id,
                status,
                request.from(),
                request.to(),
                request.settings(),
                created,
                started,
                instant(rs, "finished_at"),
                new Progress(done, total, rate, left),
                result == null ? null : read(result, Result.class),
                error);
    }

    /** One page of the flipped commitments, in the order found (by lead id). */
    public List<WhatIfTally.Flip> flips(UUID id, int page, int size) {
        return db(c -> {
            List<WhatIfTally.Flip> out = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT lead_id, rule, segment, stage, owner_id,"
                    + " team, started_at, current_status, current_due_at, proposed_status, proposed_due_at"
                    + " FROM sla_simulation_flip WHERE simulation_id = ? ORDER BY seq OFFSET ? LIMIT ?")) {
                select.setObject(1, id);
                select.setLong(2, (long) page * size);
                select.setInt(3, size);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WhatIfTally.Flip(
                                rs.getString(1),
                                dev.leadpact.events.SlaRule.valueOf(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                instant(rs, "started_at"),
                                rs.getString(8),
                                instant(rs, "current_due_at"),
                                rs.getString(10),
                                instant(rs, "proposed_due_at")));
                    }
                }
            }
            return out;
        });
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** {@link #sql}, a failure unchecked: for requests, which answer 500 on it. */
    private <T> T db(Work<T> work) {
        try {
            return sql(work);
        } catch (SQLException e) {
            throw new IllegalStateException("the database refused a simulation's statement", e);
        }
    }

    private <T> T sql(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored simulation is unreadable", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
