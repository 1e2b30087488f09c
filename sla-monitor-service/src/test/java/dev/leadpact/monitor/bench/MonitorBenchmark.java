package dev.leadpact.monitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.Topics;
import dev.leadpact.monitor.MonitorSettings;
import dev.leadpact.monitor.rules.SlaEngine;
import dev.leadpact.monitor.whatif.WhatIfJobs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The monitor's benchmark, on the real stack: the service as it runs (consumers, timer scanner,
 * outbox relay) in this JVM with a real Kafka broker and a real PostgreSQL (from {@link
 * LeadPactTestResource}). Not part of {@code ./mvnw verify}: the class name matches no default
 * surefire include, and it only runs with {@code -Pbenchmark} (which sets {@code
 * leadpact.benchmark=true}); see the README, "Benchmark".
 *
 * <p>It seeds {@code bench.timers} open timers (pending, not due during the run) straight into
 * {@code lead_sla_state} (states built by {@link SlaEngine} from real conversion and attempt
 * events, stored as {@code SlaTracker} stores them, with PostgreSQL {@code COPY}), then runs phases
 * one after the other, each with its own due timers seeded on top of those (default {@code
 * warmup,timers,mixed}):
 *
 * <ul>
 *   <li>{@code warmup}: like {@code mixed} for {@code bench.warmupSeconds}, so that the measured phases
 *       run on a warm JIT, as a long-running service does;
 *   <li>{@code timers}: {@code bench.dueRate} timers a second fall due for {@code bench.seconds};
 *       nothing is ingested (the baseline);
 *   <li>{@code mixed}: the same, while a producer sends {@code bench.eventRate} events a second
 *       (half conversions of new leads, half contact attempts on open leads) to the service's
 *       topics;
 *   <li>{@code ingest}: only the producer;
 *   <li>{@code backlog}: {@code dueRate × seconds} timers all due at once: how fast the scanner
 *       drains a backlog;
 *   <li>{@code whatif}: like {@code timers}, while {@code bench.simulations} what-if simulations
 *       (over every lead of the run) run at once: what they cost the live timers.
 * </ul>
 *
 * <p>A phase's timers are first-contact warnings. Its lateness is measured per timer from the
 * events on {@code sla.breaches.v1}: fired = the event's {@code detectedAt} (the claim's time)
 * minus the planned due time, on Kafka = the record's timestamp minus the due time. It checks that
 * every due timer fired exactly once, that every produced event was applied ({@code
 * processed_event}) and that none went to a dead-letter topic, and writes the report to {@code
 * target/benchmark/report-<run>.md}.
 */
@QuarkusTest
@WithTestResource(LeadPactTestResource.class)
@EnabledIfSystemProperty(named = "leadpact.benchmark", matches = "true")
class MonitorBenchmark {
    private static final String GROUP = "sla-monitor";
    private static final List<String> INGEST_TOPICS = List.of(Topics.CONVERSIONS, Topics.SALES_ACTIVITIES);

    private final int timers = Integer.getInteger("bench.timers", 100_000);
    private final int dueRate = Integer.getInteger("bench.dueRate", 1_000);
    private final int eventRate = Integer.getInteger("bench.eventRate", 2_000);
    private final int seconds = Integer.getInteger("bench.seconds", 60);
    private final int drainSeconds = Integer.getInteger("bench.drainSeconds", 180);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 15);
    private final int simulations = Integer.getInteger("bench.simulations", 2);
    private final List<String> phases = Arrays.asList(
            System.getProperty("bench.phases", "warmup,timers,mixed").split(","));

    @Inject
    SlaEngine engine;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    MonitorSettings settings;

    @Inject
    WhatIfJobs whatIf;

    private final Instant benchStart = Instant.now();
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final SplittableRandom random = new SplittableRandom(42);
    private Config config;
    private Admin admin;
    private BenchTimers bench;
    private List<String> openLeads = List.of();

    /** A per-second sample while a phase runs. */
    private record Sample(long second, long lag, long firedSoFar) {}

    @Test
    void benchmark() throws Exception {
        config = ConfigProvider.getConfig();
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        admin = Admin.create(adminProps);
        bench = new BenchTimers(engine, json, clock, run, bootstrap(), "report");
        try (Connection db = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            bench.line("# sla-monitor benchmark, run %s", run);
            bench.line("");
            bench.line(
                    "Parameters: open timers %,d, due %,d/s, events %,d/s, %d s per phase, phases %s,"
                            + " scanner batch %d, relay batch %d; %d cores, load average before: %s",
                    timers,
                    dueRate,
                    eventRate,
                    seconds,
                    phases,
                    settings.scanner().batchSize(),
                    settings.relay().batchSize(),
                    Runtime.getRuntime().availableProcessors(),
                    BenchTimers.loadAverage());
            bench.line("PostgreSQL: %s", BenchTimers.settings(db));
            openLeads = bench.seedOpenLeads(db, timers, random);
            storage(db, timers);
            List<String> failures = new ArrayList<>();
            for (String phase : phases) {
                switch (phase.trim()) {
                    case "warmup" -> failures.addAll(phase(db, "warmup", dueRate, eventRate, warmupSeconds, false, 0));
                    case "timers" -> failures.addAll(phase(db, "timers", dueRate, 0, seconds, false, 0));
                    case "mixed" -> failures.addAll(phase(db, "mixed", dueRate, eventRate, seconds, false, 0));
                    case "ingest" -> failures.addAll(phase(db, "ingest", 0, eventRate, seconds, false, 0));
                    case "backlog" -> failures.addAll(phase(db, "backlog", dueRate, 0, seconds, true, 0));
                    case "whatif" -> failures.addAll(phase(db, "whatif", dueRate, 0, seconds, false, simulations));
                    case "bpg" -> failures.addAll(bareClaims(db, timers, dueRate * seconds));
                    default -> throw new IllegalArgumentException("unknown phase " + phase);
                }
            }
            bench.line("");
            bench.line("Load average after: %s", BenchTimers.loadAverage());
            bench.line("Count checks: %s", failures.isEmpty() ? "all passed" : String.join("; ", failures));
            bench.write();
            assertThat(failures).as("count checks").isEmpty();
        } finally {
            bench.close();
            admin.close();
        }
    }

    // ---------------------------------------------------------------- B_pg

    /**
     * B_pg, the floor a scanner is compared with: a bare table as large as the open timers plus
     * {@code due} rows already due (an id and a due time, the due time indexed), claimed and deleted
     * 100 at a time with {@code FOR UPDATE SKIP LOCKED}, a transaction each, until none is due. No
     * state, no rules, no outbox: what PostgreSQL alone takes on this machine.
     */
    private List<String> bareClaims(Connection db, int rows, int due) throws SQLException, IOException {
        bench.line("");
        bench.line("## Phase `bpg` (B_pg: bare claims of 100 due rows with FOR UPDATE SKIP LOCKED)");
        bench.line("");
        long seedStart = System.nanoTime();
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_bare_timer");
            s.execute("CREATE TABLE bench_bare_timer (id BIGINT PRIMARY KEY, due_at TIMESTAMPTZ NOT NULL)");
            s.execute("INSERT INTO bench_bare_timer SELECT g, CASE WHEN g <= " + due
                    + " THEN now() - interval '1 second' ELSE now() + interval '1 day' END"
                    + " FROM generate_series(1, " + ((long) rows + due) + ") AS g");
            s.execute("CREATE INDEX bench_bare_timer_due ON bench_bare_timer (due_at)");
            s.execute("VACUUM ANALYZE bench_bare_timer");
        }
        double seeded = (System.nanoTime() - seedStart) / 1e9;
        List<Long> batchMicros = new ArrayList<>();
        long claimed = 0;
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        long start = System.nanoTime();
        try (PreparedStatement claim = db.prepareStatement("DELETE FROM bench_bare_timer WHERE id IN (SELECT id FROM"
                + " bench_bare_timer WHERE due_at <= now() ORDER BY due_at LIMIT 100 FOR UPDATE SKIP LOCKED)")) {
            int n;
            do {
                long t = System.nanoTime();
                n = claim.executeUpdate();
                db.commit();
                batchMicros.add((System.nanoTime() - t) / 1_000);
                claimed += n;
            } while (n > 0);
        } finally {
            db.setAutoCommit(autoCommit);
        }
        double took = (System.nanoTime() - start) / 1e9;
        bench.line(
                "%,d rows (%,d due) seeded in %.1f s; %,d claimed and deleted in %.2f s: %,.0f rows/s, %,d"
                        + " transactions.",
                (long) rows + due, due, seeded, claimed, took, claimed / took, batchMicros.size());
        bench.line("Per transaction (µs): p50 | p95 | p99 | p99.9 | max = %s", BenchTimers.percentiles(batchMicros));
        try (Statement s = db.createStatement()) {
            s.execute("DROP TABLE bench_bare_timer");
        }
        bench.write();
        return claimed == due ? List.of() : List.of("bpg: claimed " + claimed + " of " + due);
    }

    // ---------------------------------------------------------------- a phase

    private List<String> phase(
            Connection db, String name, int rate, int events, int seconds, boolean backlog, int simulations)
            throws Exception {
        int due = rate * seconds;
        BenchTimers.Plan seededPlan = bench.seedDue(db, name, rate, seconds, backlog);
        Instant start = seededPlan.start();
        Map<String, Instant> plan = seededPlan.due();
        double seeded = seededPlan.seededSeconds();
        long open = BenchTimers.count(db, "SELECT count(*) FROM lead_sla_state WHERE next_due_at IS NOT NULL");
        Map<String, Long> dlqBefore = endOffsets(dlqTopics());
        long processedBefore = BenchTimers.count(db, "SELECT count(*) FROM processed_event");
        long seedOverrun = Duration.between(start, clock.instant()).toMillis();

        bench.sleepUntil(start);
        List<Sample> samples = new ArrayList<>();
        Map<String, Long> produced = new LinkedHashMap<>();
        Thread producer = null;
        AtomicLong sendFailures = new AtomicLong();
        double[] producedRate = new double[1];
        if (events > 0) {
            producer = new Thread(
                    () -> producedRate[0] = produce(name, events, seconds, produced, sendFailures), "bench-producer");
            producer.start();
        }
        Instant windowEnd = start.plusSeconds(seconds);
        List<WhatIfJobs.JobView> simulated = new CopyOnWriteArrayList<>();
        Thread simulator = null;
        if (simulations > 0) {
            simulator = new Thread(() -> simulate(simulations, windowEnd, simulated), "bench-simulator");
            simulator.start();
        }
        Instant deadline = windowEnd.plusSeconds(drainSeconds);
        long maxLag = 0;
        Instant drainedAt = null;
        for (long second = 1; ; second++) {
            bench.sleepUntil(start.plusSeconds(second));
            long lag = lag();
            long firedSoFar = bench.firedCount(plan.keySet());
            samples.add(new Sample(second, lag, firedSoFar));
            maxLag = Math.max(maxLag, lag);
            boolean windowOver = !clock.instant().isBefore(windowEnd);
            boolean producerDone = producer == null || !producer.isAlive();
            if (windowOver && producerDone && lag == 0 && firedSoFar >= due) {
                drainedAt = clock.instant();
                break;
            }
            if (clock.instant().isAfter(deadline)) {
                break;
            }
        }
        if (producer != null) {
            producer.join();
        }
        if (simulator != null) {
            simulator.join();
        }
        // Let a duplicate that the relay might send after the last first copy arrive too.
        Thread.sleep(1_000);

        List<String> failures = new ArrayList<>();
        bench.line("");
        bench.line(
                "## Phase `%s`%s",
                name, name.equals("warmup") ? " (warms the JIT and caches up; not a measurement)" : "");
        bench.line("");
        bench.line(
                "%,d timers due at %,d/s from %s%s, %,d events/s offered for %d s; open timers at start: %,d;"
                        + " phase timers seeded in %.1f s%s.",
                due,
                rate,
                start,
                backlog ? " (all at once)" : "",
                events,
                seconds,
                open,
                seeded,
                seedOverrun > 0
                        ? String.format(Locale.ROOT, " (seeding overran the start by %d ms)", seedOverrun)
                        : "");
        bench.line("");
        if (due > 0) {
            failures.addAll(bench.timerResults(db, name, plan, start));
        }
        if (simulations > 0) {
            failures.addAll(simulationResults(name, simulations, simulated));
        }
        if (events > 0) {
            failures.addAll(ingestResults(
                    db,
                    name,
                    produced,
                    producedRate[0],
                    sendFailures.get(),
                    start,
                    windowEnd,
                    drainedAt,
                    maxLag,
                    processedBefore,
                    dlqBefore));
        }
        bench.line("");
        bench.line(
                "Per-second samples (second: consumer lag/timers seen on sla.breaches.v1 so far): %s",
                samples.stream()
                        .map(s -> s.second() + ":" + s.lag() + "/" + s.firedSoFar())
                        .collect(Collectors.joining(" ")));
        if (drainedAt == null) {
            failures.add(name + ": not drained within " + drainSeconds + " s after the window");
        }
        topStatements(db, name);
        bench.endPhase(db, name);
        bench.write();
        return failures;
    }

    /**
     * The statements that took the most database time in the phase, when PostgreSQL runs with
     * {@code pg_stat_statements} ({@code -DargLine=-Dleadpact.postgres.shared_preload_libraries=pg_stat_statements});
     * the counts are reset for the next phase.
     */
    private void topStatements(Connection db, String phase) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            bench.line("");
            bench.line(
                    "Top statements of `%s` by total time (pg_stat_statements): total ms | calls | mean ms | rows | query",
                    phase);
            try (ResultSet rows = statement.executeQuery(
                    "SELECT round(total_exec_time) AS total, calls, round(mean_exec_time::numeric, 3) AS mean, rows,"
                            + " left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query FROM pg_stat_statements"
                            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
                            + " ORDER BY total_exec_time DESC LIMIT 12")) {
                while (rows.next()) {
                    bench.line(
                            "- %,d | %,d | %s | %,d | `%s`",
                            rows.getLong("total"),
                            rows.getLong("calls"),
                            rows.getBigDecimal("mean"),
                            rows.getLong("rows"),
                            rows.getString("query"));
                }
            }
            statement.execute("SELECT pg_stat_statements_reset()");
        } catch (SQLException notLoaded) {
            // without the library the extension cannot be created: nothing to report
            bench.line(
                    "(pg_stat_statements not loaded: %s)",
                    notLoaded.getMessage().lines().findFirst().orElse(""));
        }
    }

    private List<String> ingestResults(
            Connection db,
            String name,
            Map<String, Long> produced,
            double producedRate,
            long sendFailures,
            Instant start,
            Instant windowEnd,
            Instant drainedAt,
            long maxLag,
            long processedBefore,
            Map<String, Long> dlqBefore)
            throws Exception {
        List<String> failures = new ArrayList<>();
        // When each produced event was applied: processed_at is the applying transaction's clock.
        long applied = 0;
        List<Long> applyLatency = new ArrayList<>();
        Instant lastApplied = start;
        List<String> ids = new ArrayList<>(produced.keySet());
        try (PreparedStatement ps =
                db.prepareStatement("SELECT event_id, processed_at FROM processed_event WHERE event_id = ANY (?)")) {
            for (int i = 0; i < ids.size(); i += 50_000) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + 50_000));
                ps.setArray(1, db.createArrayOf("varchar", chunk.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        applied++;
                        Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                        applyLatency.add(at.toEpochMilli() - produced.get(rs.getString(1)));
                        lastApplied = BenchTimers.max(lastApplied, at);
                    }
                }
            }
        }
        double applySeconds = Duration.between(start, lastApplied).toMillis() / 1000.0;
        long processedDelta = BenchTimers.count(db, "SELECT count(*) FROM processed_event") - processedBefore;
        long newLeads = BenchTimers.count(
                db,
                "SELECT count(*) FROM lead_sla_state WHERE lead_id LIKE 'bench-" + run + "-" + name
                        + "-new-%' AND next_due_at IS NOT NULL");
        long conversions = ids.stream().filter(id -> id.endsWith("-c")).count();
        Map<String, Long> dlqAfter = endOffsets(dlqTopics());
        long dead = dlqAfter.entrySet().stream()
                .mapToLong(e -> e.getValue() - dlqBefore.getOrDefault(e.getKey(), 0L))
                .sum();
        double consumeSeconds = drainedAt == null
                ? Double.NaN
                : Duration.between(start, drainedAt).toMillis() / 1000.0;
        double drainAfterWindow = drainedAt == null
                ? Double.NaN
                : Duration.between(windowEnd, drainedAt).toMillis() / 1000.0;
        bench.line("");
        bench.line(
                "Ingest: %,d events produced (%,d conversions, %,d attempts) at %,.0f/s, %d send failures; %,d of them"
                        + " applied (processed_event grew by %,d), %,d on dead-letter topics; new leads with a timer: %,d.",
                produced.size(),
                conversions,
                produced.size() - conversions,
                producedRate,
                sendFailures,
                applied,
                processedDelta,
                dead,
                newLeads);
        bench.line(
                "Applied: %,.0f events/s (applied / (last applied − start), %.1f s); from send to applied (ms):"
                        + " p50 | p95 | p99 | p99.9 | max = %s.",
                applied / applySeconds, applySeconds, BenchTimers.percentiles(applyLatency));
        bench.line(
                "Consumer lag (end offsets − committed offsets, sampled each second; commits are throttled, so it"
                        + " falls in steps): max %,d, back to 0 %.1f s after the producer's window (%.1f s after start).",
                maxLag, drainAfterWindow, consumeSeconds);
        if (applied != produced.size() || sendFailures > 0) {
            failures.add(name + ": " + (produced.size() - applied) + " produced events not applied, " + sendFailures
                    + " send failures");
        }
        if (dead > 0) {
            failures.add(name + ": " + dead + " records on dead-letter topics");
        }
        if (newLeads != conversions) {
            failures.add(name + ": " + newLeads + " new leads with a timer for " + conversions + " conversions");
        }
        return failures;
    }

    // ---------------------------------------------------------------- what-if simulations

    /**
     * Keeps {@code concurrent} what-if simulations running until {@code until}, through {@link
     * WhatIfJobs} as {@code POST /sla/simulations} submits them: each over every lead of the run
     * (the open timers and the phases' leads) with a proposed two-hour first contact and eight
     * attempts; a simulation that finishes is followed by a new one. After {@code until} it waits
     * for the running ones to finish, so that the next phase runs without them.
     */
    private void simulate(int concurrent, Instant until, List<WhatIfJobs.JobView> finished) {
        Map<String, String> proposal = Map.of(
                "policies.default.first-contact", "PT2H",
                "policies.default.attempts-required", "8");
        List<UUID> running = new ArrayList<>();
        try {
            while (true) {
                for (UUID id : List.copyOf(running)) {
                    WhatIfJobs.JobView view = whatIf.find(id).orElseThrow();
                    if (!view.status().equals("QUEUED") && !view.status().equals("RUNNING")) {
                        finished.add(view);
                        running.remove(id);
                    }
                }
                boolean open = clock.instant().isBefore(until);
                if (!open && running.isEmpty()) {
                    return;
                }
                while (open && running.size() < concurrent) {
                    running.add(whatIf.submit(new WhatIfJobs.Request(
                                    benchStart.minus(Duration.ofHours(1)),
                                    clock.instant().plus(Duration.ofHours(1)),
                                    proposal))
                            .id());
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> simulationResults(String name, int concurrent, List<WhatIfJobs.JobView> jobs) {
        List<String> failures = new ArrayList<>();
        long leads = jobs.stream().mapToLong(j -> j.progress().leadsDone()).sum();
        bench.line(
                "What-if simulations, %d at a time through the window (each over all %,d leads of the run,"
                        + " proposing first contact PT2H and 8 attempts): %d finished, %,d leads judged.",
                concurrent,
                jobs.stream()
                        .mapToLong(j -> j.progress().leadsTotal() == null
                                ? 0
                                : j.progress().leadsTotal())
                        .max()
                        .orElse(0),
                jobs.size(),
                leads);
        for (WhatIfJobs.JobView job : jobs) {
            long ms = job.startedAt() == null || job.finishedAt() == null
                    ? 0
                    : Duration.between(job.startedAt(), job.finishedAt()).toMillis();
            bench.line(
                    "- %s %s: %,d leads in %,d ms (%,.0f leads/s), %,d flips%s",
                    job.id(),
                    job.status(),
                    job.progress().leadsDone(),
                    ms,
                    ms == 0 ? 0 : job.progress().leadsDone() * 1000.0 / ms,
                    job.result() == null ? 0 : job.result().flips(),
                    job.error() == null ? "" : " (" + job.error() + ")");
            if (!job.status().equals("DONE")) {
                failures.add(name + ": simulation " + job.id() + " ended " + job.status());
            }
        }
        if (jobs.size() < concurrent) {
            failures.add(name + ": only " + jobs.size() + " simulations ran");
        }
        return failures;
    }

    // ---------------------------------------------------------------- load and observation

    /**
     * Sends {@code rate} events a second for the phase's seconds, paced in 10 ms steps, as the intake
     * publishes them (key = lead id, CloudEvents headers, acks=all, idempotent): half conversions of new
     * SQL leads, half contact attempts on open leads.
     *
     * @return the achieved send rate
     */
    private double produce(String name, int rate, int seconds, Map<String, Long> produced, AtomicLong failures) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        SplittableRandom pick = new SplittableRandom(7);
        long total = (long) rate * seconds;
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            long sent = 0;
            while (sent < total) {
                long elapsed = System.nanoTime() - t0;
                long target = Math.min(total, elapsed * rate / 1_000_000_000L + 1);
                for (; sent < target; sent++) {
                    LeadEvent event;
                    String ceType;
                    if (sent % 2 == 0 || openLeads.isEmpty()) {
                        String lead = "bench-" + run + "-" + name + "-new-" + sent;
                        event = BenchTimers.conversion(lead, lead + "-c", clock.instant());
                        ceType = CloudEventTypes.CONVERSION;
                    } else {
                        String lead = openLeads.get(pick.nextInt(openLeads.size()));
                        event = BenchTimers.attempt(
                                lead, "bench-" + run + "-" + name + "-att-" + sent + "-a", clock.instant());
                        ceType = CloudEventTypes.CONTACT_ATTEMPT;
                    }
                    String topic = event instanceof ConversionEvent ? Topics.CONVERSIONS : Topics.SALES_ACTIVITIES;
                    ProducerRecord<String, String> record =
                            new ProducerRecord<>(topic, event.leadId(), json.writeValueAsString(event));
                    record.headers().add("ce_id", event.eventId().getBytes(StandardCharsets.UTF_8));
                    record.headers().add("ce_type", ceType.getBytes(StandardCharsets.UTF_8));
                    record.headers().add("ce_source", "/leadpact/bench".getBytes(StandardCharsets.UTF_8));
                    record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
                    producer.send(record, (metadata, error) -> {
                        if (error != null) {
                            failures.incrementAndGet();
                        }
                    });
                    produced.put(event.eventId(), clock.millis());
                }
                Thread.sleep(10);
            }
            producer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return produced.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** The monitor's consumer lag on the ingest topics: end offsets minus committed offsets. */
    private long lag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<String, Long> ends = endOffsets(INGEST_TOPICS);
        long lag = 0;
        for (Map.Entry<String, Long> e : ends.entrySet()) {
            String[] tp = e.getKey().split("#");
            OffsetAndMetadata c = committed.get(new TopicPartition(tp[0], Integer.parseInt(tp[1])));
            lag += e.getValue() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    private static List<String> dlqTopics() {
        return INGEST_TOPICS.stream().map(t -> t + ".dlq").collect(Collectors.toList());
    }

    /** End offsets by "topic#partition". */
    private Map<String, Long> endOffsets(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description
                .partitions()
                .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(request).all().get();
        Map<String, Long> out = new HashMap<>();
        ends.forEach((tp, info) -> out.put(tp.topic() + "#" + tp.partition(), info.offset()));
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /**
     * Bytes of {@code lead_sla_state} per open timer: its heap, its TOAST table and each index, and
     * the stored size of the state document (after PostgreSQL's compression) against its text.
     */
    private void storage(Connection db, long openTimers) throws SQLException {
        List<String> parts = new ArrayList<>();
        long total = 0;
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c"
                        + " WHERE c.oid = 'lead_sla_state'::regclass"
                        + " OR c.oid = (SELECT reltoastrelid FROM pg_class WHERE oid = 'lead_sla_state'::regclass)"
                        + " OR c.oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = 'lead_sla_state'::regclass"
                        + " OR indrelid = (SELECT reltoastrelid FROM pg_class WHERE oid = 'lead_sla_state'::regclass))"
                        + " ORDER BY 2 DESC")) {
            while (rs.next()) {
                total += rs.getLong(2);
                parts.add(String.format(Locale.ROOT, "%s %.0f", rs.getString(1), rs.getLong(2) / (double) openTimers));
            }
        }
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT avg(pg_column_size(state)), avg(octet_length(state)),"
                        + " avg(pg_column_size(l.*)) FROM lead_sla_state l")) {
            rs.next();
            bench.line(
                    "Storage of lead_sla_state: %.0f bytes per open timer (%s); the state document %.0f bytes"
                            + " stored of %.0f as text, a row %.0f bytes.",
                    total / (double) openTimers,
                    String.join(", ", parts),
                    rs.getDouble(1),
                    rs.getDouble(2),
                    rs.getDouble(3));
        }
        long events = BenchTimers.count(db, "SELECT count(*) FROM processed_event");
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('processed_event')")) {
            rs.next();
            bench.line(
                    "Storage of processed_event: %.0f bytes per event id kept (%,d ids, kept for"
                            + " leadpact.monitor.dedup.retention).",
                    rs.getLong(1) / (double) Math.max(1, events), events);
        }
    }
}
