package dev.leadpact.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.leadpact.devstack.DevStack;
import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.events.Topics;
import dev.leadpact.events.Utm;
import dev.leadpact.systemtest.LoadGenerator.Result;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The intake near its ceiling, and start-up and memory of every service (docs/BENCHMARKS.md): the
 * packaged suite as {@code ./run.sh} runs it (each service with its {@code jvm.options}) on a real
 * PostgreSQL and Kafka broker (in this JVM, as DevStack runs it); the HTTP load generator is a JVM
 * of its own ({@link LoadGenerator}) on loopback, and {@code wrk} (if installed) cross-checks the
 * closed-loop figures.
 *
 * <p>In one run: <b>B_kafka</b>, a producer with exactly the intake's producer settings (read from
 * its {@code application.properties}) sending records of the intake's size and shape to a scratch
 * topic on the same broker, closed loop (max throughput, as {@code ProducerPerformance} measures it)
 * and open model (send → ack at a fixed rate); <b>B_http</b>, the intake restarted with {@code
 * LEADPACT_BENCHMARK_SKIP_PUBLISH=true} (validate and answer, nothing sent), saturated by {@code
 * bench.concurrency} concurrent posts; <b>H</b> = 1 / (1/B_http + 1/B_kafka). Then the real intake:
 * an open-model arrival rate of {@code bench.loadFactor} × H for {@code bench.seconds}, its own
 * saturation with {@code bench.deepConcurrency} in flight (with a Flight Recorder profile), the
 * load factor × that saturated rate (what the whole suite carries), and half the sustained rate
 * beside B_kafka's open p99 at the same rate. Last, the same targets under H's own conditions: the
 * monitor and the reporting service stopped, the intake and the broker alone. Every 202 of the publishing intake must be on {@code leads.conversions.v1}
 * (by event id): a lost one fails the benchmark. Before the load: start-up to ready of each service
 * and of a bare Quarkus REST app ({@code deploy/bare-quarkus-app}), {@code bench.starts} times.
 *
 * <p>Open model: request i is due at start + i / rate whatever happened to the others, and its
 * latency is counted from that due time, so a server (or a generator) that falls behind shows it in
 * the percentiles instead of slowing the arrivals down (no coordinated omission).
 *
 * <p>Not part of the build: {@code ./mvnw -B verify -Pbenchmark -pl deploy/bare-quarkus-app,deploy/system-tests
 * -Dtest=IntakeBenchmark -Dsurefire.failIfNoSpecifiedTests=false} after {@code ./mvnw -B install
 * -DskipTests}. Parameters ({@code -Dbench.*}): seconds (30), saturationSeconds (20), warmupSeconds
 * (15), publishWarmupSeconds (60), kafkaSeconds (20), concurrency (64), deepConcurrency (256), loadFactor (0.8), rate and
 * halfRate (0: derived from H and the sustained rate), starts (5), jfr (true), drainSeconds (180).
 */
@EnabledIfSystemProperty(named = "leadpact.benchmark", matches = "true")
class IntakeBenchmark {
    private static final String INTAKE = "lead-intake-service";
    private static final String MONITOR = "sla-monitor-service";
    private static final String REPORTING = "closed-loop-reporting-service";
    private static final List<String> CONSUMER_GROUPS = List.of("sla-monitor", "closed-loop-reporting");
    private static final String SCRATCH_TOPIC = "bench.intake-scratch.v1";

    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int SATURATION_SECONDS = Integer.getInteger("bench.saturationSeconds", 20);
    private static final int WARMUP_SECONDS = Integer.getInteger("bench.warmupSeconds", 15);
    /**
     * The restarted publishing intake's warm-up, beside the consumers: there its JIT takes minutes
     * (after 15 s, and still after 60 s, Flight Recorder saw C2 compiling through the saturation).
     */
    private static final int PUBLISH_WARMUP_SECONDS = Integer.getInteger("bench.publishWarmupSeconds", 60);

    private static final int KAFKA_SECONDS = Integer.getInteger("bench.kafkaSeconds", 20);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
    /** In flight for the intake's own ceiling: enough to cover linger.ms and the ack at its rate. */
    private static final int DEEP_CONCURRENCY = Integer.getInteger("bench.deepConcurrency", 256);

    private static final double LOAD_FACTOR = Double.parseDouble(System.getProperty("bench.loadFactor", "0.8"));
    private static final double RATE = Double.parseDouble(System.getProperty("bench.rate", "0"));
    private static final double HALF_RATE = Double.parseDouble(System.getProperty("bench.halfRate", "0"));
    private static final int STARTS = Integer.getInteger("bench.starts", 5);
    private static final boolean JFR = Boolean.parseBoolean(System.getProperty("bench.jfr", "true"));
    private static final int DRAIN_SECONDS = Integer.getInteger("bench.drainSeconds", 180);
    private static final double TICKS_PER_SECOND = 100; // USER_HZ (getconf CLK_TCK) on Linux
    private static final Path OUT = Path.of("target/benchmark");

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final String[][] OFFERS = {{"ebook", "IQL"}, {"webinar", "MQL"}, {"demo-request", "SQL"}};

    private final StringBuilder report = new StringBuilder();
    /** Event ids of the 202s of the publishing intake: each must be on the conversions topic. */
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    /** Readiness polls: not the load generator's. */
    private final HttpClient poll = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1))
            .build();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private DevStack suite;
    private Process generator;
    private Writer generatorIn;
    private BufferedReader generatorOut;
    private int phases;
    private Path root;
    private int intakePort;
    private int monitorPort;
    private int reportingPort;

    @Test
    void intakeNearItsCeiling() throws Exception {
        root = Path.of("../..").toAbsolutePath().normalize();
        intakePort = freePort();
        monitorPort = freePort();
        reportingPort = freePort();
        Files.createDirectories(OUT.resolve("startup-logs"));
        suite = DevStack.start(
                root,
                OUT.resolve("intake-stack"),
                List.of(
                        new DevStack.Service(INTAKE, intakePort, null),
                        new DevStack.Service(MONITOR, monitorPort, "sla_monitor"),
                        new DevStack.Service(REPORTING, reportingPort, "reporting")),
                Map.of(
                        "LEADPACT_WEBHOOKS_SECRET", DevStack.WEBHOOK_SECRET,
                        "LEADPACT_READER_KEY", DevStack.READER_KEY,
                        // one machine posts for every visitor, as with ./run.sh
                        "LEADPACT_HTTP_RATE_LIMIT_ENABLED", "false"));
        try {
            line("# Intake benchmark, " + Instant.now());
            line("");
            line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores; load average before: "
                    + loadAverage() + ". Services with their jvm.options (as ./run.sh: " + jvmOptionsLine()
                    + "); broker and load generator in"
                    + " the test JVM (" + ProcessHandle.current().pid() + "); PostgreSQL its child processes.");
            Map<TopicPartition, Long> conversionsAtStart = endOffsets(Topics.CONVERSIONS);
            startUps();
            Ceiling ceiling = ceiling();
            int[] lost = nothingLost(conversionsAtStart);
            memory(ceiling);
            summary(ceiling, lost);
            assertThat(lost[0])
                    .as("accepted conversions missing from " + Topics.CONVERSIONS)
                    .isZero();
        } finally {
            Files.createDirectories(OUT);
            Files.writeString(OUT.resolve("intake-benchmark.md"), report);
            suite.close();
            if (generator != null) {
                generator.destroy();
            }
        }
    }

    // ---- start-up to ready ----

    private final Map<String, List<Double>> startMillis = new LinkedHashMap<>();
    private final Map<String, Long> rssAtReady = new LinkedHashMap<>();

    private void startUps() throws Exception {
        line("");
        line("## Start-up to ready");
        line("");
        line("From `ProcessBuilder.start()` to the first 200 of `/q/health/ready` (polled every 10 ms), "
                + STARTS + " starts each, JVM mode, `java @<module>/jvm.options -jar quarkus-run.jar` (the bare"
                + " app with the intake's options), on the running"
                + " broker and PostgreSQL (schemas already migrated by the suite's first start).");
        line("");
        line("| app | median ms | min ms | max ms | RSS at ready (MiB, median) |");
        line("|---|---|---|---|---|");
        Path bareJar = root.resolve("deploy/bare-quarkus-app/target/quarkus-app/quarkus-run.jar");
        assertThat(bareJar)
                .as("build it: -pl deploy/bare-quarkus-app -Pbenchmark")
                .isRegularFile();
        int barePort = freePort();
        startUp("bare Quarkus REST app", barePort, () -> bare(bareJar, barePort));
        for (String service : List.of(INTAKE, MONITOR, REPORTING)) {
            suite.stopService(service);
            startUp(service, port(service), () -> suite.launcher(service, Map.of()));
            suite.startService(service);
        }
    }

    private ProcessBuilder bare(Path jar, int port) {
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "@" + root.resolve(INTAKE).resolve("jvm.options"),
                "-jar",
                jar.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return builder;
    }

    /** Each service's JVM options as its {@code jvm.options} gives them, comments left out. */
    private String jvmOptionsLine() throws IOException {
        List<String> parts = new ArrayList<>();
        for (String service : List.of(INTAKE, MONITOR, REPORTING)) {
            parts.add(service + " `" + DevStack.jvmOptionsOf(root.resolve(service)) + "`");
        }
        return String.join(", ", parts);
    }

    private interface Launcher {
        ProcessBuilder get();
    }

    private void startUp(String app, int port, Launcher launcher) throws Exception {
        List<Double> millis = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        for (int i = 0; i < STARTS; i++) {
            ProcessBuilder builder = launcher.get()
                    .redirectErrorStream(true)
                    .redirectOutput(OUT.resolve("startup-logs/" + app.replace(' ', '-') + "-" + i + ".log")
                            .toFile());
            long started = System.nanoTime();
            Process process = builder.start();
            try {
                while (!isReady(ready)) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(app + " exited during start " + i);
                    }
                    if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(2)) {
                        throw new IllegalStateException(app + " not ready after 2 minutes");
                    }
                    LockSupport.parkNanos(10_000_000L);
                }
                millis.add((System.nanoTime() - started) / 1e6);
                rss.add(statusKiB(process.pid(), "VmRSS"));
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            }
        }
        startMillis.put(app, millis);
        rssAtReady.put(app, median(rss.stream().map(Long::doubleValue).toList()).longValue());
        line(String.format(
                Locale.ROOT,
                "| %s | %.0f | %.0f | %.0f | %d |",
                app,
                median(millis),
                Collections.min(millis),
                Collections.max(millis),
                rssAtReady.get(app) / 1024));
    }

    private boolean isReady(URI ready) throws InterruptedException {
        try {
            return poll.send(
                                    HttpRequest.newBuilder(ready)
                                            .timeout(Duration.ofSeconds(1))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- the intake near its ceiling ----

    private record Ceiling(
            double bKafka,
            double bHttp,
            double h,
            Result sustained,
            Result saturation,
            Result carried,
            Result half,
            Result kafkaHalf,
            Map<String, Long> peakRss,
            double halfRate,
            Alone alone) {}

    /** The same targets under H's own conditions: the intake and the broker, no consumers running. */
    private record Alone(Result sustained, Result half, Result kafkaHalf, Result saturation, double halfRate) {}

    private Ceiling ceiling() throws Exception {
        line("");
        line("## The intake near its ceiling");
        line("");
        Properties producer = intakeProducerSettings();
        line("Producer settings of the intake (from its application.properties), used by B_kafka: "
                + new java.util.TreeMap<>(producer)
                + " (other producer settings: Kafka's defaults, as in the intake).");

        startGenerator();
        // warm the real intake up and take one of its records as the shape of B_kafka's
        Result warm = closed("warm-up (intake, publishing)", conversions(), CONCURRENCY, WARMUP_SECONDS, true);
        phase(warm, null);
        List<ProducerRecord<String, byte[]>> records = kafkaRecords(20_000);
        line(String.format(
                Locale.ROOT,
                "Record shape: the intake's records on %s: %s; B_kafka's: %s.",
                Topics.CONVERSIONS,
                sampleShape(),
                shape(records)));

        createScratchTopic();
        Result kafkaMax = kafkaClosed(producer, records, KAFKA_SECONDS);
        phase(kafkaMax, null);
        double bKafka = kafkaMax.rate();

        suite.stopService(INTAKE);
        suite.startService(INTAKE, Map.of("LEADPACT_BENCHMARK_SKIP_PUBLISH", "true"));
        phase(closed("warm-up (intake, skip-publish)", conversions(), CONCURRENCY, WARMUP_SECONDS, false), null);
        Result httpMax = closed(
                "B_http: intake with skip-publish, saturated", conversions(), CONCURRENCY, SATURATION_SECONDS, false);
        phase(httpMax, Map.of());
        double bHttp = httpMax.rate();
        wrk("the intake with skip-publish", CONCURRENCY);
        suite.stopService(INTAKE);
        suite.startService(INTAKE, Map.of());

        double h = 1 / (1 / bHttp + 1 / bKafka);
        double rate = RATE > 0 ? RATE : LOAD_FACTOR * h;
        line("");
        line(String.format(
                Locale.ROOT,
                "**B_kafka %,.0f/s, B_http %,.0f/s, H = 1/(1/B_http + 1/B_kafka) = %,.0f/s**; offered to the"
                        + " publishing intake: %,.0f/s (%.2f × H).",
                bKafka,
                bHttp,
                h,
                rate,
                rate / h));

        phase(
                closed("warm-up (intake, publishing)", conversions(), DEEP_CONCURRENCY, PUBLISH_WARMUP_SECONDS, true),
                null);
        drain();
        List<Long> pids =
                List.of(suite.pid(INTAKE), suite.pid(MONITOR), suite.pid(REPORTING), generator.pid(), selfPid());
        pids.forEach(IntakeBenchmark::resetPeakRss);
        Result sustained = open("Measured: intake at the offered rate, open model", conversions(), rate, SECONDS, true);
        Map<String, Long> peak = new LinkedHashMap<>();
        peak.put(INTAKE, statusKiB(suite.pid(INTAKE), "VmHWM"));
        peak.put(MONITOR, statusKiB(suite.pid(MONITOR), "VmHWM"));
        peak.put(REPORTING, statusKiB(suite.pid(REPORTING), "VmHWM"));
        peak.put("load generator (HTTP, its own JVM)", statusKiB(generator.pid(), "VmHWM"));
        peak.put("test JVM: broker (+ test, GC, JIT)", statusKiB(selfPid(), "VmHWM"));
        phase(sustained, peak);

        // an overloaded phase leaves work behind: let the intake and the consumers finish it first
        drain();
        String jfr = JFR ? startJfr("intake-saturation") : null;
        Result saturation =
                closed("intake (publishing), saturated", conversions(), DEEP_CONCURRENCY, SATURATION_SECONDS, true);
        if (jfr != null) {
            stopJfr(jfr);
        }
        phase(saturation, Map.of());
        if (jfr != null) {
            profile(OUT.resolve(jfr + ".jfr"));
        }
        wrk("the publishing intake", DEEP_CONCURRENCY);
        // what the whole suite carries: 0.8 H is more than its consumers keep up with on these cores
        drain();
        Result carried = open(
                "whole suite: intake at " + LOAD_FACTOR + " × its own saturated rate, open model",
                conversions(),
                LOAD_FACTOR * saturation.rate(),
                SECONDS,
                true);
        phase(carried, Map.of());

        double halfRate = HALF_RATE > 0 ? HALF_RATE : sustained.rate() / 2;
        drain();
        Result half =
                open("Measured: intake at half the sustained rate, open model", conversions(), halfRate, SECONDS, true);
        phase(half, Map.of());
        drain();
        Result kafkaHalf = kafkaOpen(producer, records, halfRate, SECONDS);
        phase(kafkaHalf, Map.of());
        Alone alone = alone(producer, records, rate);
        return new Ceiling(bKafka, bHttp, h, sustained, saturation, carried, half, kafkaHalf, peak, halfRate, alone);
    }

    /**
     * H is measured with the intake and the broker alone, so the targets are measured once more under
     * the same conditions: the monitor and the reporting service stopped (gracefully), the intake
     * publishing to the broker. Last, because the consumers then have a backlog to catch up on that
     * would load any later phase; nothing is lost, as {@link #nothingLost} reads the topic itself.
     */
    private Alone alone(Properties producer, List<ProducerRecord<String, byte[]>> records, double rate)
            throws Exception {
        line("");
        line("### Under H's conditions: the intake and the broker alone");
        line("");
        line("H counts the intake's HTTP work and the broker's, with no consumer running. The monitor and the"
                + " reporting service are stopped for these phases (SIGTERM); they would consume what the intake"
                + " publishes on the same two cores.");
        suite.stopService(MONITOR);
        suite.stopService(REPORTING);
        phase(
                closed("warm-up (intake alone, publishing)", conversions(), DEEP_CONCURRENCY, WARMUP_SECONDS, true),
                null);
        awaitIntakeIdle();
        Result sustained =
                open("Measured alone: intake at the offered rate, open model", conversions(), rate, SECONDS, true);
        phase(sustained, Map.of());
        line(String.format(Locale.ROOT, "(intake idle after %.1f s before the next phase)", awaitIntakeIdle()));
        double halfRate = HALF_RATE > 0 ? HALF_RATE : sustained.rate() / 2;
        Result half = open(
                "Measured alone: intake at half the sustained rate, open model",
                conversions(),
                halfRate,
                SECONDS,
                true);
        phase(half, Map.of());
        Result kafkaHalf = kafkaOpen(producer, records, halfRate, SECONDS);
        phase(kafkaHalf, Map.of());
        awaitIntakeIdle();
        Result saturation = closed(
                "intake alone (publishing), saturated", conversions(), DEEP_CONCURRENCY, SATURATION_SECONDS, true);
        phase(saturation, Map.of());
        wrk("the publishing intake alone", DEEP_CONCURRENCY);
        return new Alone(sustained, half, kafkaHalf, saturation, halfRate);
    }

    // ---- load generation (a process of its own: LoadGenerator) ----

    private String conversions() {
        return "conversion http://localhost:" + intakePort + "/conversions";
    }

    private void startGenerator() throws IOException {
        generator = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadGenerator.class.getName(),
                        run)
                .redirectError(OUT.resolve("load-generator.log").toFile())
                .start();
        generatorIn = new OutputStreamWriter(generator.getOutputStream(), StandardCharsets.UTF_8);
        generatorOut = new BufferedReader(new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8));
        line("Load generator: a JVM of its own (" + generator.pid() + "), Vert.x's HTTP client, HTTP/1.1"
                + " keep-alive on loopback, up to 256 pooled connections (a request past them waits in the pool's queue;"
                + " its latency still counts from its due time).");
    }

    private Result open(String name, String target, double rate, int seconds, boolean track) throws Exception {
        return load("open", name, target, rate, seconds, track);
    }

    private Result closed(String name, String target, int concurrency, int seconds, boolean track) throws Exception {
        return load("closed", name, target, concurrency, seconds, track);
    }

    private Result load(String mode, String name, String target, double amount, int seconds, boolean track)
            throws Exception {
        Files.createDirectories(OUT.resolve("load"));
        Path out = OUT.resolve("load/phase-" + ++phases).toAbsolutePath();
        boolean intake = target.equals(conversions());
        double[] publishBefore = intake ? publishStats() : null;
        Map<String, Double> cpuBefore = cpu();
        generatorIn.write(String.join(
                        " ",
                        mode,
                        target,
                        String.format(Locale.ROOT, "%.3f", amount),
                        Integer.toString(seconds),
                        Boolean.toString(track),
                        out.toString())
                + "\n");
        generatorIn.flush();
        String done = generatorOut.readLine();
        if (!"done".equals(done)) {
            throw new IllegalStateException("the load generator stopped (" + done + "); see load-generator.log");
        }
        Result result = Result.read(out);
        result.cpu = minus(cpu(), cpuBefore);
        result.name = name;
        result.offered = mode.equals("open") ? amount : 0;
        if (track) {
            accepted.addAll(result.accepted);
        }
        if (intake) {
            double[] after = publishStats();
            double records = after[0] - publishBefore[0];
            result.note = records == 0
                    ? "The intake published nothing (leadpact_intake_publish_seconds_count unchanged)."
                    : String.format(
                            Locale.ROOT,
                            "The intake's own publish → ack wait (leadpact_intake_publish_seconds): mean %.1f ms over"
                                    + " %,.0f records.",
                            (after[1] - publishBefore[1]) * 1000 / records,
                            records);
        }
        return result;
    }

    private static Result result(String name, double offered) {
        Result result = new Result();
        result.name = name;
        result.offered = offered;
        return result;
    }

    /** The intake's publish timer from /q/metrics: [count, sum in seconds]. */
    private double[] publishStats() throws Exception {
        String metrics = poll.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + intakePort + "/q/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return new double[] {
            metric(metrics, "leadpact_intake_publish_seconds_count"),
            metric(metrics, "leadpact_intake_publish_seconds_sum")
        };
    }

    private static double metric(String metrics, String name) {
        Matcher m =
                Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }

    /**
     * A second closed-loop generator, for the check: {@code wrk -t2 -c<concurrency>} (Debian's wrk, a
     * process of its own) posting the same conversions, if it is installed.
     */
    private void wrk(String name, int concurrency) throws Exception {
        Path script = OUT.resolve("wrk-post.lua").toAbsolutePath();
        String body = LoadGenerator.conversion("wrk" + run, 2).replace("visitor-wrk" + run + "-2", "VISITOR");
        Files.writeString(
                script,
                "wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\ncounter = 0\n"
                        + "request = function()\n  counter = counter + 1\n"
                        + "  local body = [["
                        + body.replace(
                                "VISITOR", "]] .. 'wrk-' .. math.random(1, 1000000000)" + " .. '-' .. counter .. [[")
                        + "]]\n"
                        + "  return wrk.format(nil, \"/conversions\", nil, body)\nend\n");
        ProcessBuilder builder = new ProcessBuilder(
                        "wrk",
                        "-t2",
                        "-c" + concurrency,
                        "-d" + SATURATION_SECONDS + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        "http://localhost:" + intakePort)
                .redirectErrorStream(true);
        String output;
        try {
            Process wrk = builder.start();
            output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
        } catch (IOException e) {
            line("(" + name + ": wrk is not installed, no cross-check)");
            return;
        }
        Files.writeString(OUT.resolve("wrk-" + ++phases + ".txt"), output);
        line(String.format(
                Locale.ROOT,
                "Cross-check, %s with `wrk -t2 -c%d -d%ds` (a process of its own): %s/s, latency p50 %s, p99 %s%s.",
                name,
                concurrency,
                SATURATION_SECONDS,
                find(output, "Requests/sec:\\s+([0-9.]+)"),
                find(output, "(?m)^\\s+50%\\s+(\\S+)"),
                find(output, "(?m)^\\s+99%\\s+(\\S+)"),
                output.contains("Non-2xx") ? ", " + find(output, "(Non-2xx[^\\n]*)") : ", all 2xx"));
    }

    private static String find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "?";
    }

    /** The postmaster of the suite's PostgreSQL and its backends, by the port it listens on. */
    private List<Long> postgresPids() {
        Matcher port = Pattern.compile(":(\\d+)/").matcher(suite.jdbcUrl("reporting"));
        if (!port.find()) {
            return List.of();
        }
        return ProcessHandle.allProcesses()
                .filter(p -> "postgres"
                        .equals(read(Path.of("/proc/" + p.pid() + "/comm")).trim()))
                .filter(p -> Arrays.asList(
                                read(Path.of("/proc/" + p.pid() + "/cmdline")).split("[\\x00 ]"))
                        .contains(port.group(1)))
                .findFirst()
                .map(postmaster -> Stream.concat(Stream.of(postmaster), postmaster.descendants())
                        .map(ProcessHandle::pid)
                        .toList())
                .orElse(List.of());
    }

    // ---- B_kafka ----

    /** The intake's producer settings: every Kafka producer property of its lead-events channel. */
    private Properties intakeProducerSettings() throws IOException {
        String prefix = "mp.messaging.outgoing.lead-events.";
        Properties file = new Properties();
        try (var in = Files.newBufferedReader(
                root.resolve("lead-intake-service/src/main/resources/application.properties"))) {
            file.load(in);
        }
        Properties settings = new Properties();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                String name = key.substring(prefix.length());
                if (ProducerConfig.configNames().contains(name) && !name.endsWith(".serializer")) {
                    settings.put(name, file.getProperty(key));
                }
            }
        }
        assertThat(settings).containsEntry(ProducerConfig.ACKS_CONFIG, "all");
        return settings;
    }

    private KafkaProducer<String, byte[]> producer(Properties settings) {
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "loadgen-kafka");
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Conversions as the intake publishes them: distinct leads, the intake's JSON, its headers. */
    private List<ProducerRecord<String, byte[]>> kafkaRecords(int count) throws IOException {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] offer = OFFERS[i % OFFERS.length];
            Stage stage = Stage.valueOf(offer[1]);
            String leadId = UUID.nameUUIDFromBytes(("kafka-" + i).getBytes(StandardCharsets.UTF_8))
                    .toString();
            String eventId = UUID.randomUUID().toString();
            Instant at = Instant.now();
            ConversionEvent event = new ConversionEvent(
                    eventId,
                    leadId,
                    at,
                    null,
                    null,
                    offer[0],
                    stage,
                    i % 3 == 0 ? Segment.SMALL : Segment.MID,
                    stage == Stage.IQL
                            ? JourneyPhase.AWARENESS
                            : stage == Stage.MQL ? JourneyPhase.CONSIDERATION : JourneyPhase.DECISION,
                    "visitor-kafka-" + run + "-" + i + "@example.com",
                    "Ada",
                    "Lovelace",
                    "+44 20 7946 0958",
                    "Head of Sales Operations",
                    "Analytical Engines Ltd",
                    10 + (i % 3) * 400,
                    "GB",
                    "paid-search",
                    "https://www.example.com/resources/" + offer[0],
                    "https://www.example.com/lp/sla-guide?utm_source=google",
                    "https://www.google.com/",
                    new Utm("google", "cpc", "q4-sla-guide", "sales sla software", "ad-variant-b"),
                    null);
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(SCRATCH_TOPIC, leadId, JSON.writeValueAsBytes(event));
            record.headers().add("ce_specversion", bytes(CloudEventTypes.SPEC_VERSION));
            record.headers().add("ce_id", bytes(eventId));
            record.headers().add("ce_type", bytes(CloudEventTypes.CONVERSION));
            record.headers().add("ce_source", bytes("/leadpact/lead-intake"));
            record.headers().add("ce_time", bytes(at.toString()));
            record.headers().add("content-type", bytes("application/json"));
            records.add(record);
        }
        return records;
    }

    private static ProducerRecord<String, byte[]> copy(ProducerRecord<String, byte[]> r) {
        return new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers());
    }

    /** Max throughput as ProducerPerformance measures it: send as fast as send() takes them. */
    private Result kafkaClosed(Properties settings, List<ProducerRecord<String, byte[]>> records, int seconds)
            throws Exception {
        Result result = result("B_kafka: producer with the intake's settings, closed loop", 0);
        try (KafkaProducer<String, byte[]> producer = producer(settings)) {
            Thread sender = new Thread(
                    () -> {
                        // warm-up: a few seconds of the same, not counted
                        long warm = System.nanoTime() + 3_000_000_000L;
                        for (int i = 0; System.nanoTime() < warm; i++) {
                            producer.send(copy(records.get(i % records.size())));
                        }
                        producer.flush();
                        Map<String, Double> cpuBefore = cpu();
                        long t0 = System.nanoTime();
                        long end = t0 + seconds * 1_000_000_000L;
                        for (int i = 0; System.nanoTime() < end; i++) {
                            long sent = System.nanoTime();
                            producer.send(copy(records.get(i % records.size())), (metadata, failure) -> {
                                result.latency(System.nanoTime() - sent);
                                if (failure != null) {
                                    result.error(failure.getClass().getSimpleName());
                                } else {
                                    result.ok.increment();
                                }
                            });
                        }
                        producer.flush();
                        result.seconds = (System.nanoTime() - t0) / 1e9;
                        result.cpu = minus(cpu(), cpuBefore);
                    },
                    "loadgen-kafka-closed");
            sender.start();
            sender.join();
        }
        return result;
    }

    /** Open model on the producer: record i due at t0 + i/rate, latency from its due time to its ack. */
    private Result kafkaOpen(
            Properties settings, List<ProducerRecord<String, byte[]>> records, double rate, int seconds)
            throws Exception {
        Result result = result("B_kafka: producer with the intake's settings, open model", rate);
        try (KafkaProducer<String, byte[]> producer = producer(settings)) {
            producer.send(copy(records.get(0))).get();
            Map<String, Double> cpuBefore = cpu();
            long n = Math.round(rate * seconds);
            long t0 = System.nanoTime() + 20_000_000L;
            Thread scheduler = new Thread(
                    () -> LoadGenerator.paced(
                            n,
                            rate,
                            t0,
                            result,
                            (i, due) -> producer.send(
                                    copy(records.get((int) (i % records.size()))), (metadata, failure) -> {
                                        result.latency(System.nanoTime() - due);
                                        if (failure != null) {
                                            result.error(failure.getClass().getSimpleName());
                                        } else {
                                            result.ok.increment();
                                        }
                                    })),
                    "loadgen-kafka-open");
            scheduler.start();
            scheduler.join();
            producer.flush();
            result.seconds = (System.nanoTime() - t0) / 1e9;
            result.cpu = minus(cpu(), cpuBefore);
        }
        return result;
    }

    private void createScratchTopic() throws Exception {
        try (Admin admin = admin()) {
            int partitions = admin.describeTopics(List.of(Topics.CONVERSIONS))
                    .allTopicNames()
                    .get()
                    .get(Topics.CONVERSIONS)
                    .partitions()
                    .size();
            admin.createTopics(List.of(new NewTopic(SCRATCH_TOPIC, partitions, (short) 1)))
                    .all()
                    .get();
            line("Scratch topic " + SCRATCH_TOPIC + ": " + partitions + " partitions, as " + Topics.CONVERSIONS + ".");
        }
    }

    // ---- nothing lost, consumers drained ----

    /** Every event id the publishing intake answered 202 for is on the topic: [missing, duplicates]. */
    private int[] nothingLost(Map<TopicPartition, Long> from) throws Exception {
        Map<TopicPartition, Long> to = endOffsets(Topics.CONVERSIONS);
        Set<String> missing = new HashSet<>(accepted);
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(to.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (to.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    Header id = record.headers().lastHeader("ce_id");
                    String eventId = new String(id.value(), StandardCharsets.UTF_8);
                    missing.remove(eventId);
                    if (!seen.add(eventId)) {
                        duplicates++;
                    }
                }
            }
        }
        line("");
        line("### Nothing lost");
        line("");
        line(String.format(
                Locale.ROOT,
                "%,d conversions answered 202 by the publishing intake; %,d records on %s since the start;"
                        + " %,d accepted event ids not on the topic; %,d event ids on it twice.",
                accepted.size(),
                records,
                Topics.CONVERSIONS,
                missing.size(),
                duplicates));
        return new int[] {missing.size(), duplicates};
    }

    /**
     * Waits until the intake has finished what an overloaded phase left in it: requests the generator
     * gave up on are still read, validated and published, on the next phase's CPU otherwise. Done when
     * its publish count stands still for a second; returns the seconds waited.
     */
    private double awaitIntakeIdle() throws Exception {
        long started = System.nanoTime();
        double published = -1;
        for (double now = publishStats()[0];
                now != published && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
                now = publishStats()[0]) {
            published = now;
            Thread.sleep(1000);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Waits for {@link #awaitIntakeIdle}, then until the monitor and the reporting service have consumed the conversions so far. */
    private void drain() throws Exception {
        double intakeSeconds = awaitIntakeIdle();
        long started = System.nanoTime();
        long lag = Long.MAX_VALUE;
        try (Admin admin = admin()) {
            while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(DRAIN_SECONDS)) {
                Map<TopicPartition, Long> ends = endOffsets(Topics.CONVERSIONS);
                lag = 0;
                for (String group : CONSUMER_GROUPS) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get();
                    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        lag += end.getValue() - (at == null ? 0 : at.offset());
                    }
                }
                if (lag == 0) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        line(String.format(
                Locale.ROOT,
                "(intake idle after %.1f s; consumers %s %s in %.1f s before the next phase)",
                intakeSeconds,
                CONSUMER_GROUPS,
                lag == 0 ? "caught up" : "still " + lag + " behind",
                (System.nanoTime() - started) / 1e9));
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    /** Sizes of the latest records the intake wrote on the conversions topic. */
    private String sampleShape() throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(Topics.CONVERSIONS);
        List<ConsumerRecord<byte[], byte[]>> sample = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(ends.keySet());
            ends.forEach((tp, end) -> consumer.seek(tp, Math.max(0, end - 300)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sample.size() < 300 && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(sample::add);
            }
        }
        return String.format(
                Locale.ROOT,
                "key %.0f B, value %.0f B, %d headers %.0f B (mean of %d)",
                sample.stream().mapToInt(r -> r.key().length).average().orElse(0),
                sample.stream().mapToInt(r -> r.value().length).average().orElse(0),
                sample.isEmpty() ? 0 : sample.get(0).headers().toArray().length,
                sample.stream()
                        .mapToInt(r -> headerBytes(r.headers()))
                        .average()
                        .orElse(0),
                sample.size());
    }

    private static String shape(List<ProducerRecord<String, byte[]>> records) {
        return String.format(
                Locale.ROOT,
                "key %.0f B, value %.0f B, %d headers %.0f B (mean of %d distinct records, cycled)",
                records.stream().mapToInt(r -> r.key().length()).average().orElse(0),
                records.stream().mapToInt(r -> r.value().length).average().orElse(0),
                records.get(0).headers().toArray().length,
                records.stream()
                        .mapToInt(r -> headerBytes(r.headers()))
                        .average()
                        .orElse(0),
                records.size());
    }

    private static int headerBytes(Iterable<Header> headers) {
        int total = 0;
        for (Header h : headers) {
            total += h.key().length() + h.value().length;
        }
        return total;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        suite.bootstrapServers(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        "5000"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, suite.bootstrapServers()));
    }

    // ---- memory of every service under the load ----

    private void memory(Ceiling ceiling) throws Exception {
        Path bareJar = root.resolve("deploy/bare-quarkus-app/target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        Process bare = bare(bareJar, port)
                .redirectErrorStream(true)
                .redirectOutput(OUT.resolve("startup-logs/bare-under-load.log").toFile())
                .start();
        try {
            URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
            while (!isReady(ready)) {
                Thread.sleep(10);
            }
            URI hello = URI.create("http://localhost:" + port + "/hello");
            String get = "get " + hello;
            closed("warm-up (bare app)", get, CONCURRENCY, WARMUP_SECONDS, false);
            resetPeakRss(bare.pid());
            Result load = open(
                    "bare Quarkus REST app, GET /hello at the intake's offered rate",
                    get,
                    ceiling.sustained().offered,
                    SECONDS,
                    false);
            long peak = statusKiB(bare.pid(), "VmHWM");
            line("");
            line("## Start-up and memory of every service");
            line("");
            line(String.format(
                    Locale.ROOT,
                    "Peak RSS (VmHWM, reset through /proc/<pid>/clear_refs before the phase) while the intake"
                            + " takes %,.0f conversions/s for %d s and the monitor and the reporting service consume"
                            + " them; the bare app under the same rate of GET /hello (%,.0f/s answered, p99 %.1f ms).",
                    ceiling.sustained().offered,
                    SECONDS,
                    load.rate(),
                    load.millis(99)));
            line("");
            line(
                    "| app | start-up to ready, median ms | bare app ms | ratio | peak RSS under load MiB | bare app MiB | ratio |");
            line("|---|---|---|---|---|---|---|");
            double bareStart = median(startMillis.get("bare Quarkus REST app"));
            for (String service : List.of(INTAKE, MONITOR, REPORTING)) {
                double start = median(startMillis.get(service));
                long rss = ceiling.peakRss().get(service);
                line(String.format(
                        Locale.ROOT,
                        "| %s | %.0f | %.0f | %.2f | %d | %d | %.2f |",
                        service,
                        start,
                        bareStart,
                        start / bareStart,
                        rss / 1024,
                        peak / 1024,
                        (double) rss / peak));
            }
            line("Targets: start-up to ready ≤ 1,500 ms, RSS under the load ≤ 350 MiB.");
        } finally {
            bare.destroy();
            if (!bare.waitFor(30, TimeUnit.SECONDS)) {
                bare.destroyForcibly();
            }
        }
    }

    // ---- the summary table ----

    private void summary(Ceiling c, int[] lost) {
        line("");
        line("### Summary: targets against the baselines of this run");
        line("");
        line("| what | target | baseline, same run | measured | ratio measured / target | met |");
        line("|---|---|---|---|---|---|");
        sustainedRow(
                "whole suite",
                c.sustained(),
                c.h(),
                String.format(Locale.ROOT, " (B_http %,.0f/s, B_kafka %,.0f/s)", c.bHttp(), c.bKafka()));
        halfRateRow("whole suite", c.half(), c.kafkaHalf(), c.halfRate());
        maxRow("whole suite", c.saturation(), c.h());
        line(String.format(
                Locale.ROOT,
                "| whole suite: sustained at %.1f × its own saturated rate (offered %,.0f/s) | — | saturated %,.0f/s |"
                        + " %,.0f/s, %d errors, p99 %.1f ms | %.2f of H | |",
                LOAD_FACTOR,
                c.carried().offered,
                c.saturation().rate(),
                c.carried().rate(),
                c.carried().errorCount(),
                c.carried().millis(99),
                c.carried().rate() / c.h()));
        Alone a = c.alone();
        sustainedRow("alone", a.sustained(), c.h(), "");
        halfRateRow("alone", a.half(), a.kafkaHalf(), a.halfRate());
        maxRow("alone", a.saturation(), c.h());
        line(String.format(
                Locale.ROOT,
                "| accepted conversions not on the topic | 0 | — | %d (%d event ids twice) | | %s |",
                lost[0],
                lost[1],
                lost[0] == 0 ? "yes" : "**no**"));
    }

    private void sustainedRow(String setting, Result sustained, double h, String baselines) {
        double target = 0.8 * h;
        line(String.format(
                Locale.ROOT,
                "| %s: sustained accepted conversions/s (open model, offered %,.0f/s) | ≥ 0.8 × H = %,.0f/s |"
                        + " H = %,.0f/s%s | %,.0f/s, %d errors | %.2f | %s |",
                setting,
                sustained.offered,
                target,
                h,
                baselines,
                sustained.rate(),
                sustained.errorCount(),
                sustained.rate() / target,
                sustained.rate() >= target && sustained.errorCount() == 0 ? "yes" : "**no**"));
    }

    private void halfRateRow(String setting, Result half, Result kafkaHalf, double halfRate) {
        double target = kafkaHalf.millis(99) + 5;
        line(String.format(
                Locale.ROOT,
                "| %s: p99 of the 202 at half the sustained rate (%,.0f/s) | ≤ B_kafka p99 + 5 ms = %.1f ms |"
                        + " B_kafka send → ack p99 %.1f ms at %,.0f/s | %.1f ms, %d errors | %.2f | %s |",
                setting,
                halfRate,
                target,
                kafkaHalf.millis(99),
                halfRate,
                half.millis(99),
                half.errorCount(),
                half.millis(99) / target,
                half.millis(99) <= target && half.errorCount() == 0 ? "yes" : "**no**"));
    }

    private void maxRow(String setting, Result saturation, double h) {
        line(String.format(
                Locale.ROOT,
                "| %s: the intake's max throughput (closed, %d in flight) | — | H %,.0f/s | %,.0f/s | %.2f of H | |",
                setting,
                DEEP_CONCURRENCY,
                h,
                saturation.rate(),
                saturation.rate() / h));
    }

    // ---- per-phase output: throughput, latency, CPU and memory per process ----

    private void phase(Result r, Map<String, Long> peakRss) {
        line("");
        line("#### " + r.name);
        line("");
        line(String.format(
                Locale.ROOT,
                "%s%,d ok in %.1f s: **%,.0f/s**; errors %d %s; latency p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f,"
                        + " max %.1f ms%s.",
                r.offered > 0 ? String.format(Locale.ROOT, "Offered %,.0f/s; ", r.offered) : "",
                r.ok.sum(),
                r.seconds,
                r.rate(),
                r.errorCount(),
                r.errors.isEmpty()
                        ? ""
                        : r.errors.entrySet().stream()
                                .map(e -> e.getKey() + ": " + e.getValue().sum())
                                .collect(Collectors.joining(", ", "(", ")")),
                r.millis(50),
                r.millis(90),
                r.millis(99),
                r.millis(99.9),
                r.millis(100),
                r.offered > 0
                        ? String.format(
                                Locale.ROOT, "; the generator's worst lag behind schedule %.1f ms", r.maxLagNanos / 1e6)
                        : ""));
        if (!r.note.isEmpty()) {
            line(r.note);
        }
        if (peakRss == null) {
            return;
        }
        line("");
        line("| process | CPU s | cores busy | CPU µs per ok |" + (peakRss.isEmpty() ? "" : " peak RSS MiB |"));
        line("|---|---|---|---|" + (peakRss.isEmpty() ? "" : "---|"));
        Map<String, String> rssByProcess = new HashMap<>();
        peakRss.forEach((k, v) -> rssByProcess.put(k, Long.toString(v / 1024)));
        r.cpu.forEach((process, seconds) -> line(String.format(
                Locale.ROOT,
                "| %s | %.1f | %.2f | %.0f |%s",
                process,
                seconds,
                seconds / r.seconds,
                seconds * 1e6 / Math.max(1, r.ok.sum()),
                peakRss.isEmpty() ? "" : " " + rssByProcess.getOrDefault(process, "—") + " |")));
    }

    /**
     * CPU seconds so far (utime + stime from /proc) of each process of the suite; the test JVM split
     * into the load generator's threads (named loadgen-*, the HTTP client's selector, the benchmark's
     * producer) and the rest (the broker, with the JVM's GC and JIT threads).
     */
    private Map<String, Double> cpu() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put(INTAKE, ticks(Path.of("/proc/" + suite.pid(INTAKE) + "/stat")) / TICKS_PER_SECOND);
        cpu.put(MONITOR, ticks(Path.of("/proc/" + suite.pid(MONITOR) + "/stat")) / TICKS_PER_SECOND);
        cpu.put(REPORTING, ticks(Path.of("/proc/" + suite.pid(REPORTING) + "/stat")) / TICKS_PER_SECOND);
        cpu.put(
                "load generator (HTTP, its own JVM)",
                generator == null ? 0.0 : ticks(Path.of("/proc/" + generator.pid() + "/stat")) / TICKS_PER_SECOND);
        long self = ticks(Path.of("/proc/self/stat"));
        long producer = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String comm = read(task.resolve("comm")).trim();
                if (comm.startsWith("loadgen") || comm.startsWith("kafka-producer")) {
                    producer += ticks(task.resolve("stat"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cpu.put("test JVM: broker (+ test, GC, JIT)", (self - producer) / TICKS_PER_SECOND);
        cpu.put("test JVM: B_kafka's producer threads", producer / TICKS_PER_SECOND);
        long postgres = postgresPids().stream()
                .mapToLong(pid -> ticks(Path.of("/proc/" + pid + "/stat")))
                .sum();
        cpu.put("PostgreSQL (postmaster and backends)", postgres / TICKS_PER_SECOND);
        return cpu;
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
        Map<String, Double> delta = new LinkedHashMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0.0)));
        return delta;
    }

    /** utime + stime of a process or thread, in clock ticks; 0 if it is gone. */
    private static long ticks(Path stat) {
        String line = read(stat);
        if (line.isEmpty()) {
            return 0;
        }
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** A value in kB from /proc/<pid>/status (VmHWM: peak RSS, VmRSS: now). */
    private static long statusKiB(long pid, String field) {
        return read(Path.of("/proc/" + pid + "/status"))
                .lines()
                .filter(l -> l.startsWith(field + ":"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst()
                .orElse(-1L);
    }

    /** Starts VmHWM afresh (Linux: writing 5 to clear_refs resets the peak RSS). */
    private static void resetPeakRss(long pid) {
        try {
            Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the peak RSS of " + pid, e);
        }
    }

    // ---- profile ----

    private String startJfr(String name) throws Exception {
        jcmd(
                "JFR.start",
                "name=" + name,
                "settings=profile",
                "filename=" + OUT.resolve(name + ".jfr").toAbsolutePath());
        return name;
    }

    private void stopJfr(String name) throws Exception {
        jcmd("JFR.stop", "name=" + name);
    }

    private void jcmd(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(suite.pid(INTAKE))));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", args) + ": " + output);
        }
    }

    /** Where the saturated intake spends its CPU: samples by thread, by top frame, and inclusive. */
    private void profile(Path jfr) throws IOException {
        Map<String, Integer> threads = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            String thread = event.getThread("sampledThread") == null
                    ? "?"
                    : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1, Integer::sum);
            self.merge(method(stack.getFrames().get(0)), 1, Integer::sum);
            Set<String> once = new HashSet<>();
            for (RecordedFrame frame : stack.getFrames()) {
                String m = method(frame);
                if ((m.startsWith("dev.leadpact.")
                                || m.startsWith("org.apache.kafka.clients.producer.")
                                || m.startsWith("org.apache.kafka.common.record.")
                                || m.startsWith("com.fasterxml.jackson.databind.ObjectMapper.")
                                || m.startsWith("org.jboss.resteasy.reactive.server.handlers.")
                                || m.startsWith("io.smallrye.reactive.messaging.kafka.impl.")
                                || m.startsWith("io.vertx.core.http.impl.")
                                || m.startsWith("io.netty.channel.nio.")
                                || m.startsWith("io.netty.handler.codec.http.")
                                || m.startsWith("sun.nio.ch."))
                        && once.add(m)) {
                    inclusive.merge(m, 1, Integer::sum);
                }
            }
        }
        line("");
        line("Flight Recorder (`settings=profile`) on the intake during this phase: " + samples
                + " execution samples, in " + jfr.getFileName() + " (`jfr print --events jdk.ExecutionSample`).");
        top("Samples by thread", threads, samples, 10);
        top("Hottest methods (top frame, self)", self, samples, 15);
        top("Inclusive (a sample counts once for each of these frames on its stack)", inclusive, samples, 25);
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private void top(String title, Map<String, Integer> counts, int samples, int n) {
        line("");
        line(title + ":");
        line("");
        line("| samples | share | |");
        line("|---|---|---|");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(n)
                .forEach(e -> line(String.format(
                        Locale.ROOT,
                        "| %d | %.1f %% | `%s` |",
                        e.getValue(),
                        100.0 * e.getValue() / samples,
                        e.getKey())));
    }

    // ---- plumbing ----

    private int port(String service) {
        return switch (service) {
            case INTAKE -> intakePort;
            case MONITOR -> monitorPort;
            default -> reportingPort;
        };
    }

    private static long selfPid() {
        return ProcessHandle.current().pid();
    }

    private static Double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String loadAverage() {
        return read(Path.of("/proc/loadavg")).trim();
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
