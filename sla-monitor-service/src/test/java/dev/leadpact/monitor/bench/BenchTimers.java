package dev.leadpact.monitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.ContactAttempt;
import dev.leadpact.events.ContactChannel;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.Stage;
import dev.leadpact.events.Topics;
import dev.leadpact.monitor.rules.LeadSlaState;
import dev.leadpact.monitor.rules.SlaEngine;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;

/**
 * What the monitor's benchmarks share: timers seeded straight into {@code lead_sla_state} as the
 * service stores them (states built by {@link SlaEngine} from real events, written with {@code
 * COPY}), {@code sla.breaches.v1} read as an ops tool reads it, the per-timer verdict (each timer
 * once, its lateness), and the report.
 */
final class BenchTimers implements AutoCloseable {
    /** One event seen on sla.breaches.v1 for a watched lead. */
    record Fired(String eventId, String kind, Instant detectedAt, Instant onKafka) {}

    /** The timers of a phase: lead → due time, all first-contact warnings. */
    record Plan(Instant start, Map<String, Instant> due, double seededSeconds) {}

    private final SlaEngine engine;
    private final ObjectMapper json;
    private final Clock clock;
    private final String run;
    private final String bootstrap;
    private final StringBuilder report = new StringBuilder();
    private final String reportName;
    private final Map<String, List<Fired>> fired = new ConcurrentHashMap<>();
    private final Thread collector;
    private volatile Map<String, Instant> watched = Map.of();
    private volatile boolean collecting = true;
    private final Duration warningOffset;
    private volatile Instant worstFrom = Instant.EPOCH;
    private volatile Duration worstLate = Duration.ZERO;

    BenchTimers(SlaEngine engine, ObjectMapper json, Clock clock, String run, String bootstrap, String reportName) {
        this.engine = engine;
        this.json = json;
        this.clock = clock;
        this.run = run;
        this.bootstrap = bootstrap;
        this.reportName = reportName;
        this.warningOffset = warningOffset();
        collector = new Thread(this::collect, "bench-breach-collector");
        collector.setDaemon(true);
        collector.start();
    }

    // ---------------------------------------------------------------- seeding

    /** How long after its conversion a lead's first timer (the first-contact warning) falls due. */
    private Duration warningOffset() {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LeadSlaState state = new LeadSlaState("bench-template");
        engine.apply(state, conversion("bench-template", "bench-template-c", at), at);
        SlaEngine.Timer first = engine.nextTimer(state, at).orElseThrow();
        assertThat(first.kind()).isEqualTo(SlaEventKind.WARNING);
        return Duration.between(at, first.dueAt());
    }

    /**
     * The open timers that stay pending through the run: SQL leads converted a few minutes ago and
     * called once, so their next timer is the attempt window's warning, an hour or more away. Then
     * {@code VACUUM ANALYZE}, as autovacuum would have done by the time a table holds this many.
     *
     * @return their lead ids
     */
    List<String> seedOpenLeads(Connection db, int count, SplittableRandom random) throws Exception {
        long start = System.nanoTime();
        Instant now = clock.instant();
        List<String> ids = new ArrayList<>(count);
        List<LeadSlaState> states = new ArrayList<>();
        Instant earliest = Instant.MAX;
        for (int i = 0; i < count; i++) {
            String lead = "bench-" + run + "-open-" + i;
            Instant converted =
                    now.minusMillis(60_000 + random.nextInt(240_000)).truncatedTo(ChronoUnit.MILLIS);
            LeadSlaState state = new LeadSlaState(lead);
            engine.apply(state, conversion(lead, lead + "-c", converted), now);
            engine.apply(state, attempt(lead, lead + "-a", converted.plusSeconds(30)), now);
            states.add(state);
            ids.add(lead);
            if (states.size() == 20_000) {
                earliest = min(earliest, copyStates(db, states, now));
                states.clear();
            }
        }
        earliest = min(earliest, copyStates(db, states, now));
        try (Statement s = db.createStatement()) {
            s.execute("VACUUM ANALYZE lead_sla_state");
            s.execute("VACUUM ANALYZE processed_event");
        }
        line("");
        line(
                "Seeded %,d open timers (not due during the run, earliest %s) in %.1f s, then VACUUM ANALYZE; %s",
                count, earliest, (System.nanoTime() - start) / 1e9, tableSizes(db));
        return ids;
    }

    /**
     * The due timers of a phase: {@code rate} a second for {@code seconds} (or all of them at once
     * for a backlog), from a start far enough ahead for the seeding.
     */
    Plan seedDue(Connection db, String name, int rate, int seconds, boolean backlog) throws Exception {
        int due = rate * seconds;
        Instant start = clock.instant()
                .plusMillis(Math.max(8_000, due / 10))
                .truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
        Map<String, Instant> plan = new HashMap<>();
        long seedStart = System.nanoTime();
        Instant now = clock.instant();
        List<LeadSlaState> states = new ArrayList<>();
        for (int i = 0; i < due; i++) {
            String lead = "bench-" + run + "-" + name + "-due-" + i;
            Instant dueAt = backlog ? start : start.plusMillis(i * 1000L / rate);
            LeadSlaState state = new LeadSlaState(lead);
            engine.apply(state, conversion(lead, lead + "-c", dueAt.minus(warningOffset)), now);
            SlaEngine.Timer next = engine.nextTimer(state, now).orElseThrow();
            assertThat(next.dueAt()).isEqualTo(dueAt);
            assertThat(next.kind()).isEqualTo(SlaEventKind.WARNING);
            plan.put(lead, dueAt);
            states.add(state);
            if (states.size() == 20_000) {
                copyStates(db, states, now);
                states.clear();
            }
        }
        copyStates(db, states, now);
        if (due > 0) {
            try (Statement s = db.createStatement()) {
                s.execute("ANALYZE lead_sla_state");
                s.execute("ANALYZE processed_event");
            }
        }
        watched = plan;
        return new Plan(start, plan, (System.nanoTime() - seedStart) / 1e9);
    }

    /**
     * Writes states as {@code SlaTracker} stores them (same columns, JSON from the service's
     * mapper, next timer from the engine), and their event ids as processed, with {@code COPY}.
     *
     * @return the earliest next timer written
     */
    private Instant copyStates(Connection db, List<LeadSlaState> states, Instant now) throws Exception {
        if (states.isEmpty()) {
            return Instant.MAX;
        }
        StringBuilder rows = new StringBuilder(states.size() * 900);
        StringBuilder processed = new StringBuilder(states.size() * 80);
        String updated = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).toString();
        Instant earliest = Instant.MAX;
        for (LeadSlaState state : states) {
            SlaEngine.Timer next = engine.nextTimer(state, now).orElseThrow();
            earliest = min(earliest, next.dueAt());
            LeadSlaState.StageMark stage = state.stages.get(state.stages.size() - 1);
            csv(rows, state.leadId).append(',');
            rows.append(',');
            csv(rows, stage.segment().name()).append(',');
            csv(rows, stage.stage().name()).append(',');
            csv(rows, json.writeValueAsString(state)).append(',');
            csv(rows, OffsetDateTime.ofInstant(next.dueAt(), ZoneOffset.UTC).toString())
                    .append(',');
            csv(rows, next.rule().name()).append(',');
            csv(rows, next.kind().name()).append(',');
            csv(rows, updated).append('\n');
            for (LeadSlaState.StageMark s : state.stages) {
                csv(processed, s.eventId()).append(',').append(updated).append('\n');
            }
            for (LeadSlaState.AttemptMark a : state.attempts) {
                csv(processed, a.eventId()).append(',').append(updated).append('\n');
            }
        }
        PGConnection pg = db.unwrap(PGConnection.class);
        pg.getCopyAPI()
                .copyIn(
                        "COPY lead_sla_state (lead_id, owner_id, segment, stage, state, next_due_at, next_rule,"
                                + " next_kind, updated_at) FROM STDIN (FORMAT csv)",
                        new StringReader(rows.toString()));
        pg.getCopyAPI()
                .copyIn(
                        "COPY processed_event (event_id, processed_at) FROM STDIN (FORMAT csv)",
                        new StringReader(processed.toString()));
        return earliest;
    }

    private static StringBuilder csv(StringBuilder out, String value) {
        return out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    static ConversionEvent conversion(String lead, String eventId, Instant at) {
        return new ConversionEvent(
                eventId,
                lead,
                at,
                null,
                "demo",
                "demo-request",
                Stage.SQL,
                Segment.MID,
                null,
                "bench@example.com",
                "Bench",
                null,
                null,
                null,
                "Bench Ltd",
                240,
                "GB",
                "paid-search",
                null,
                null,
                null,
                null,
                null);
    }

    static ContactAttempt attempt(String lead, String eventId, Instant at) {
        return new ContactAttempt(eventId, lead, at, "rep-bench", ContactChannel.PHONE, AttemptOutcome.VOICEMAIL, null);
    }

    // ---------------------------------------------------------------- sla.breaches.v1

    /** Reads sla.breaches.v1 from its end as an ops tool would, keeping the events of watched leads. */
    private void collect() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLA_BREACHES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (collecting) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (!watched.containsKey(r.key())) {
                        continue;
                    }
                    JsonNode event = json.readTree(r.value());
                    fired.computeIfAbsent(r.key(), k -> new CopyOnWriteArrayList<>())
                            .add(new Fired(
                                    event.get("eventId").asText(),
                                    event.get("kind").asText(),
                                    Instant.parse(event.get("detectedAt").asText()),
                                    Instant.ofEpochMilli(r.timestamp())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many of {@code leads} have an event on the topic. */
    long firedCount(Collection<String> leads) {
        long n = 0;
        for (String lead : leads) {
            if (fired.containsKey(lead)) {
                n++;
            }
        }
        return n;
    }

    /** The events seen for a lead, in the order read. */
    List<Fired> firedFor(String lead) {
        return fired.getOrDefault(lead, List.of());
    }

    /** The due second of the last {@link #timerResults}' latest fire, and how late that fire was. */
    Instant worstFrom() {
        return worstFrom;
    }

    Duration worstLate() {
        return worstLate;
    }

    /**
     * Ends a phase: stops keeping its events, and takes its leads' later timers (the breach after
     * the warning, its escalation) off the queue, so that they do not fall due inside a later
     * phase's window and add to the load it is measured at: 2 minutes after a backlog phase, its
     * leads' breaches would all fall due at once.
     */
    void endPhase(Connection db, String name) throws SQLException {
        watched = Map.of();
        try (Statement s = db.createStatement()) {
            s.executeUpdate("UPDATE lead_sla_state SET next_due_at = NULL, next_rule = NULL, next_kind = NULL"
                    + " WHERE lead_id LIKE 'bench-" + run + "-" + name + "-%' AND next_due_at IS NOT NULL");
        }
    }

    /**
     * Each planned timer fired exactly once (one event id; re-sent copies of it counted apart), none
     * early, the outbox and the table agree; the lateness table and the fired rate.
     *
     * @return the failed checks
     */
    List<String> timerResults(Connection db, String name, Map<String, Instant> plan, Instant start)
            throws SQLException {
        List<String> failures = new ArrayList<>();
        List<Long> firedLate = new ArrayList<>();
        List<Long> kafkaLate = new ArrayList<>();
        Map<Long, Long> worstBySecond = new HashMap<>();
        Map<Long, Long> worstOnKafkaBySecond = new HashMap<>();
        long once = 0;
        long missing = 0;
        long twice = 0;
        long copies = 0;
        long early = 0;
        Instant lastFired = start;
        for (Map.Entry<String, Instant> e : plan.entrySet()) {
            List<Fired> warnings = firedFor(e.getKey()).stream()
                    .filter(f -> f.kind().equals("WARNING"))
                    .collect(Collectors.toList());
            Set<String> ids = warnings.stream().map(Fired::eventId).collect(Collectors.toSet());
            copies += warnings.size() - ids.size();
            if (ids.isEmpty()) {
                missing++;
                continue;
            }
            if (ids.size() > 1) {
                twice++;
                continue;
            }
            once++;
            Fired first = warnings.get(0);
            long late = Duration.between(e.getValue(), first.detectedAt()).toMillis();
            if (late < 0) {
                early++;
            }
            firedLate.add(late);
            worstBySecond.merge(Duration.between(start, e.getValue()).toSeconds(), late, Math::max);
            long onKafka = Duration.between(e.getValue(), first.onKafka()).toMillis();
            kafkaLate.add(onKafka);
            worstOnKafkaBySecond.merge(Duration.between(start, e.getValue()).toSeconds(), onKafka, Math::max);
            lastFired = max(lastFired, first.detectedAt());
        }
        long stillDue = count(
                db,
                "SELECT count(*) FROM lead_sla_state WHERE lead_id LIKE 'bench-" + run + "-" + name
                        + "-due-%' AND next_kind = 'WARNING'");
        long outbox = count(
                db,
                "SELECT count(*) FROM sla_event WHERE lead_id LIKE 'bench-" + run + "-" + name
                        + "-due-%' AND kind = 'WARNING'");
        double span = Math.max(1, Duration.between(start, lastFired).toMillis()) / 1000.0;
        line(
                "Timers: %,d planned, %,d fired exactly once, %,d missing, %,d with two different events, %,d"
                        + " re-sent copies of the same event (same ce_id), %,d fired before due; outbox WARNING rows %,d,"
                        + " leads still waiting for their warning %,d.",
                plan.size(), once, missing, twice, copies, early, outbox, stillDue);
        line("Fired rate: %,.0f timers/s (fired / (last fire − first due), %.1f s).", once / span, span);
        line("");
        line("| lateness (ms) | p50 | p95 | p99 | p99.9 | max |");
        line("|---|---|---|---|---|---|");
        line("| fired (detectedAt − due) | %s |", percentiles(firedLate));
        line("| on Kafka (record timestamp − due) | %s |", percentiles(kafkaLate));
        line("");
        worstBySecond.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(w -> {
            worstFrom = start.plusSeconds(w.getKey());
            worstLate = Duration.ofMillis(Math.max(0, w.getValue()));
        });
        line(
                "Worst seconds of the window (second of due time: max lateness ms): fired %s; on Kafka %s",
                worst(worstBySecond), worst(worstOnKafkaBySecond));
        if (once != plan.size()) {
            failures.add(name + ": " + (plan.size() - once) + " timers not fired exactly once");
        }
        if (early > 0) {
            failures.add(name + ": " + early + " timers fired early");
        }
        if (outbox != plan.size() || stillDue != 0) {
            failures.add(name + ": outbox " + outbox + " warnings, " + stillDue + " still pending");
        }
        return failures;
    }

    private static String worst(Map<Long, Long> bySecond) {
        return bySecond.entrySet().stream()
                .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                .limit(8)
                .map(w -> w.getKey() + ": " + w.getValue())
                .collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        collecting = false;
        try {
            collector.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** PostgreSQL's checkpoints and autovacuum runs so far: what can stall every instance at once. */
    record DbActivity(long checkpoints, double writeMs, double syncMs, long autovacuums, long autoanalyzes) {
        String since(DbActivity before) {
            return String.format(
                    Locale.ROOT,
                    "%d checkpoints (write %.0f ms, sync %.0f ms), %d autovacuum and %d autoanalyze runs",
                    checkpoints - before.checkpoints,
                    writeMs - before.writeMs,
                    syncMs - before.syncMs,
                    autovacuums - before.autovacuums,
                    autoanalyzes - before.autoanalyzes);
        }
    }

    static DbActivity dbActivity(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.num_timed + c.num_requested, c.write_time, c.sync_time,"
                        + " (SELECT sum(autovacuum_count) FROM pg_stat_user_tables),"
                        + " (SELECT sum(autoanalyze_count) FROM pg_stat_user_tables) FROM pg_stat_checkpointer c")) {
            rs.next();
            return new DbActivity(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5));
        }
    }

    static long count(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String tableSizes(Connection db) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('lead_sla_state')),"
                        + " pg_size_pretty(pg_total_relation_size('processed_event'))")) {
            rs.next();
            return "lead_sla_state " + rs.getString(1) + ", processed_event " + rs.getString(2) + " on disk";
        }
    }

    /** The server settings that matter most for the figures (the test stack's, not tuned here). */
    static String settings(Connection db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, setting, unit FROM pg_settings WHERE name IN"
                        + " ('server_version', 'shared_buffers', 'synchronous_commit', 'fsync', 'max_connections')"
                        + " ORDER BY name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getString(2)
                        + (rs.getString(3) == null ? "" : " " + rs.getString(3)));
            }
        }
        return String.join(", ", out);
    }

    /** p50 | p95 | p99 | p99.9 | max, nearest rank. */
    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "– | – | – | – | –";
        }
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format(
                Locale.ROOT,
                "%d | %d | %d | %d | %d",
                at(v, 0.50),
                at(v, 0.95),
                at(v, 0.99),
                at(v, 0.999),
                v[v.length - 1]);
    }

    /** Nearest-rank percentile. */
    private static long at(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    void sleepUntil(Instant when) throws InterruptedException {
        long ms = Duration.between(clock.instant(), when).toMillis();
        if (ms > 0) {
            Thread.sleep(ms);
        }
    }

    static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        report.append(text).append('\n');
        System.out.println("[bench] " + text);
    }

    /** Writes the report so far to {@code target/benchmark/<name>-<run>.md}. */
    void write() throws IOException {
        Path out = Path.of("target", "benchmark", reportName + "-" + run + ".md");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out, report, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        System.out.println("[bench] report: " + out.toAbsolutePath());
    }
}
