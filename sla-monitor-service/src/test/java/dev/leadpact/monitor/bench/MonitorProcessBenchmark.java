package dev.leadpact.monitor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.devstack.LeadPactTestResource;
import dev.leadpact.monitor.rules.SlaEngine;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The monitor as it is deployed: the packaged service ({@code target/quarkus-app}, built by {@code
 * ./mvnw install -DskipTests} beforehand) run as processes against a real Kafka broker and a real
 * PostgreSQL, for what an in-JVM test cannot do: {@code kill -9} and two instances. This JVM's
 * Quarkus app only seeds: its scanner, relay and consumers are off ({@link SeederOnly}).
 *
 * <p>With {@code bench.timers} open timers seeded as in {@link MonitorBenchmark}, in order:
 *
 * <ol>
 *   <li>instance A starts (start-up to ready measured with the table full); {@code warmup-1}: like
 *       {@code timers-1} for {@code bench.warmupSeconds}, so that the measured phases run on a warm
 *       JIT, as a long-running service does;
 *   <li>{@code timers-1}: {@code bench.dueRate} timers a second fall due for {@code bench.seconds},
 *       A alone (the baseline);
 *   <li>{@code backlog-1}: {@code bench.backlog} timers all due at once, A alone;
 *   <li>{@code recovery}: timers fall due at {@code bench.dueRate} for {@code bench.recoverySeconds};
 *       A is killed with SIGKILL {@code bench.killAfter} seconds in and started again {@code
 *       bench.downSeconds} later: how long after that process start every timer that fell due
 *       before it is on {@code sla.breaches.v1};
 *   <li>instance B starts beside A; {@code warmup-2}, {@code timers-2} and {@code backlog-2} as above,
 *       both running.
 * </ol>
 *
 * <p>Every phase checks that each timer fired exactly once (one event id per timer; a re-sent copy
 * of the same event, which consumers drop by its id, is counted apart) and none early; the report
 * goes to {@code target/benchmark/process-<run>.md}, each instance's log beside it.
 */
@QuarkusTest
@TestProfile(MonitorProcessBenchmark.SeederOnly.class)
@WithTestResource(LeadPactTestResource.class)
@EnabledIfSystemProperty(named = "leadpact.benchmark", matches = "true")
class MonitorProcessBenchmark {
    private static final Path RUNNER = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Path JVM_OPTIONS = Path.of("jvm.options").toAbsolutePath();
    private static final Path ARCHIVE = Path.of("target", "quarkus-app", "app-cds.jsa");

    /** This JVM's app seeds only: no scanner, no relay, no consumers that would compete with the processes. */
    public static class SeederOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "leadpact.monitor.scanner.enabled", "false",
                    "leadpact.monitor.relay.enabled", "false",
                    "mp.messaging.incoming.conversions.enabled", "false",
                    "mp.messaging.incoming.activities.enabled", "false",
                    "mp.messaging.incoming.deals.enabled", "false",
                    "mp.messaging.incoming.erasures.enabled", "false");
        }
    }

    private final int timers = Integer.getInteger("bench.timers", 100_000);
    private final int dueRate = Integer.getInteger("bench.dueRate", 1_000);
    private final int seconds = Integer.getInteger("bench.seconds", 30);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 15);
    private final int backlog = Integer.getInteger("bench.backlog", 30_000);
    private final int recoverySeconds = Integer.getInteger("bench.recoverySeconds", 45);
    private final int killAfter = Integer.getInteger("bench.killAfter", 10);
    private final int downSeconds = Integer.getInteger("bench.downSeconds", 15);
    private final int drainSeconds = Integer.getInteger("bench.drainSeconds", 120);
    private final int starts = Integer.getInteger("bench.starts", 3);
    /** Options for every instance's JVM, e.g. {@code -XX:SharedArchiveFile=target/quarkus-app/app-cds.jsa}. */
    private final List<String> jvmArgs = Arrays.stream(
                    System.getProperty("bench.jvmArgs", "").trim().split("\\s+"))
            .filter(arg -> !arg.isEmpty())
            .collect(Collectors.toList());

    @Inject
    SlaEngine engine;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private BenchTimers bench;
    private WaitSampler waits;
    private Config config;

    /** A monitor process and when it was started. */
    private record Instance(String name, Process process, Instant startedAt, long readyMs) {}

    @Test
    void benchmark() throws Exception {
        assertThat(RUNNER)
                .as("the packaged monitor: build it first with ./mvnw -B install -DskipTests")
                .isRegularFile();
        config = ConfigProvider.getConfig();
        bench = new BenchTimers(
                engine, json, clock, run, config.getValue("kafka.bootstrap.servers", String.class), "process");
        List<Instance> running = new ArrayList<>();
        waits = new WaitSampler(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class),
                100);
        try (Connection db = DriverManager.getConnection(
                config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class))) {
            bench.line("# sla-monitor as processes: kill -9 and two instances, run %s", run);
            bench.line("");
            bench.line(
                    "Parameters: open timers %,d, due %,d/s, %d s per phase, backlog %,d, recovery window %d s"
                            + " (SIGKILL at %d s, down %d s); instances `java @jvm.options -jar %s`; %d cores, load"
                            + " average before: %s",
                    timers,
                    dueRate,
                    seconds,
                    backlog,
                    recoverySeconds,
                    killAfter,
                    downSeconds,
                    RUNNER,
                    Runtime.getRuntime().availableProcessors(),
                    BenchTimers.loadAverage());
            bench.line("PostgreSQL: %s", BenchTimers.settings(db));
            bench.seedOpenLeads(db, timers, new SplittableRandom(42));

            startUps();
            List<String> failures = new ArrayList<>();
            Instance a = start("a");
            running.add(a);
            failures.addAll(phase(db, "warmup-1", dueRate, warmupSeconds, false, running));
            failures.addAll(phase(db, "timers-1", dueRate, seconds, false, running));
            failures.addAll(phase(db, "backlog-1", backlog, 1, true, running));
            a = recovery(db, a, failures);
            running.set(0, a);
            running.add(start("b"));
            failures.addAll(phase(db, "warmup-2", dueRate, warmupSeconds, false, running));
            failures.addAll(phase(db, "timers-2", dueRate, seconds, false, running));
            failures.addAll(phase(db, "backlog-2", backlog, 1, true, running));

            bench.line("");
            bench.line("Load average after: %s", BenchTimers.loadAverage());
            bench.line("Count checks: %s", failures.isEmpty() ? "all passed" : String.join("; ", failures));
            bench.write();
            assertThat(failures).as("count checks").isEmpty();
        } finally {
            for (Instance instance : running) {
                instance.process().destroy();
                instance.process().waitFor();
            }
            bench.close();
            waits.close();
        }
    }

    /**
     * Start-up to ready with the table full and nothing else running, {@code bench.starts} times
     * each: as configured, and (when the build made one) with the AppCDS archive, alternately.
     */
    private void startUps() throws Exception {
        List<Long> plain = new ArrayList<>();
        List<Long> cds = new ArrayList<>();
        boolean archived = Files.isRegularFile(ARCHIVE);
        for (int i = 0; i < starts; i++) {
            plain.add(startAndStop("start-" + i, jvmArgs));
            if (archived) {
                List<String> withArchive = new ArrayList<>(jvmArgs);
                withArchive.add("-XX:SharedArchiveFile=" + ARCHIVE);
                cds.add(startAndStop("start-cds-" + i, withArchive));
            }
        }
        bench.line("");
        bench.line(
                "Start-up to ready with %,d open timers, alone (ms, each start): %s%s.",
                timers,
                plain,
                archived
                        ? "; with -XX:SharedArchiveFile=" + ARCHIVE + ": " + cds
                        : "; no AppCDS archive (build with -Dquarkus.package.jar.appcds.enabled=true to compare)");
    }

    private long startAndStop(String name, List<String> options) throws Exception {
        Instance instance = start(name, options);
        instance.process().destroy();
        instance.process().waitFor();
        return instance.readyMs();
    }

    /** Timers due at {@code rate} a second for {@code seconds} (or all at once), on the instances running. */
    private List<String> phase(Connection db, String name, int rate, int seconds, boolean backlog, List<Instance> on)
            throws Exception {
        BenchTimers.Plan plan = bench.seedDue(db, name, rate, seconds, backlog);
        BenchTimers.DbActivity before = BenchTimers.dbActivity(db);
        bench.sleepUntil(plan.start());
        awaitFired(plan, plan.start().plusSeconds(seconds));
        bench.line("");
        bench.line(
                "## Phase `%s` (%s)%s",
                name,
                on.stream().map(Instance::name).collect(Collectors.joining(" and ")) + " running",
                name.startsWith("warmup") ? "; warms the new JVMs up, not a measurement" : "");
        bench.line("");
        bench.line(
                "%,d timers due %s from %s; seeded in %.1f s.",
                plan.due().size(),
                backlog ? "all at once" : String.format("at %,d/s", rate),
                plan.start(),
                plan.seededSeconds());
        List<String> failures = bench.timerResults(db, name, plan.due(), plan.start());
        bench.line(
                "PostgreSQL during the phase: %s.", BenchTimers.dbActivity(db).since(before));
        waits(plan.start(), plan.start().plusSeconds(seconds));
        rss(on);
        bench.endPhase(db, name);
        bench.write();
        return failures;
    }

    /**
     * Timers fall due through the window; A is killed with SIGKILL after {@code killAfter} seconds
     * and started again {@code downSeconds} later.
     *
     * @return the new instance
     */
    private Instance recovery(Connection db, Instance a, List<String> failures) throws Exception {
        String name = "recovery";
        BenchTimers.Plan plan = bench.seedDue(db, name, dueRate, recoverySeconds, false);
        BenchTimers.DbActivity before = BenchTimers.dbActivity(db);
        bench.sleepUntil(plan.start().plusSeconds(killAfter));
        Instant killedAt = clock.instant();
        a.process().destroyForcibly();
        a.process().waitFor();
        bench.sleepUntil(killedAt.plusSeconds(downSeconds));
        Instance again = start("a2");
        Instant processStart = again.startedAt();
        awaitFired(plan, plan.start().plusSeconds(recoverySeconds));

        Map<String, Instant> overdue = plan.due().entrySet().stream()
                .filter(e -> e.getValue().isBefore(processStart))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long firedBeforeKill = overdue.keySet().stream()
                .filter(lead ->
                        bench.firedFor(lead).stream().anyMatch(f -> f.onKafka().isBefore(killedAt)))
                .count();
        Instant lastOnKafka = processStart;
        long notOnKafka = 0;
        for (String lead : overdue.keySet()) {
            List<BenchTimers.Fired> seen = bench.firedFor(lead);
            if (seen.isEmpty()) {
                notOnKafka++;
                continue;
            }
            lastOnKafka = BenchTimers.max(lastOnKafka, seen.get(0).onKafka());
        }
        long recoveredMs = Duration.between(processStart, lastOnKafka).toMillis();
        bench.line("");
        bench.line("## Phase `recovery` (kill -9 of a, a2 started %d s later)", downSeconds);
        bench.line("");
        bench.line(
                "%,d timers due at %,d/s from %s; SIGKILL at %s, new process started at %s (ready %,d ms" + " later).",
                plan.due().size(), dueRate, plan.start(), killedAt, processStart, again.readyMs());
        bench.line(
                "Due before the new process started: %,d (%,d of them on the topic before the kill); every one on"
                        + " sla.breaches.v1 **%,d ms after the process start** (%,d not there).",
                overdue.size(), firedBeforeKill, recoveredMs, notOnKafka);
        failures.addAll(bench.timerResults(db, name, plan.due(), plan.start()));
        bench.line(
                "PostgreSQL during the phase: %s.", BenchTimers.dbActivity(db).since(before));
        waits(plan.start(), plan.start().plusSeconds(recoverySeconds));
        if (notOnKafka > 0) {
            failures.add(name + ": " + notOnKafka + " overdue timers not on the topic");
        }
        bench.endPhase(db, name);
        bench.write();
        return again;
    }

    /** What the database's sessions were doing in the phase, and while its latest fire waited. */
    private void waits(Instant from, Instant to) {
        bench.line(
                "Active sessions sampled every 100 ms in the window (wait | backend | query): %s.",
                waits.top(from, to, 6));
        Instant worst = bench.worstFrom();
        bench.line(
                "… from the due second of the latest fire (%s) for as long as it waited (%,d ms): %s.",
                worst, bench.worstLate().toMillis(), waits.top(worst, worst.plus(bench.worstLate()), 6));
    }

    /** Waits until every planned timer has an event on the topic, or {@code drainSeconds} after the window. */
    private void awaitFired(BenchTimers.Plan plan, Instant windowEnd) throws InterruptedException {
        Instant deadline = windowEnd.plusSeconds(drainSeconds);
        while (bench.firedCount(plan.due().keySet()) < plan.due().size()
                && clock.instant().isBefore(deadline)) {
            Thread.sleep(200);
        }
        // a copy re-sent after the last first copy arrives too
        Thread.sleep(1_000);
    }

    /** Starts a packaged monitor on the test's broker and database, with this JVM's policies, and waits until it is ready. */
    private Instance start(String name) throws Exception {
        return start(name, jvmArgs);
    }

    private Instance start(String name, List<String> jvmOptions) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // the JVM options the service runs with (its heap and collector), as ./run.sh passes them
        List<String> command = new ArrayList<>(List.of(java, "@" + JVM_OPTIONS));
        command.addAll(jvmOptions);
        // the same policies the seeded states were planned with (the test profile's), so that the
        // instance plans the same timers and re-plans nothing
        Map<String, String> policies = new TreeMap<>();
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .map(key -> key.replaceFirst("^%test\\.", ""))
                .filter(key -> key.startsWith("leadpact.sla."))
                .forEach(key -> config.getOptionalValue(key, String.class).ifPresent(v -> policies.put(key, v)));
        policies.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", RUNNER.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        // port 0: the instance takes a free port and logs it (a port picked here could be taken
        // by the time the instance binds it, seconds later)
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("KAFKA_BOOTSTRAP_SERVERS", config.getValue("kafka.bootstrap.servers", String.class));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", config.getValue("quarkus.datasource.jdbc.url", String.class));
        env.put("QUARKUS_DATASOURCE_USERNAME", config.getValue("quarkus.datasource.username", String.class));
        env.put("QUARKUS_DATASOURCE_PASSWORD", config.getValue("quarkus.datasource.password", String.class));
        Path log = Path.of("target", "benchmark", "process-" + run + "-" + name + ".log");
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Instant startedAt = clock.instant();
        Process process = builder.start();
        long began = System.nanoTime();
        int port = 0;
        boolean dumped = false;
        while (port == 0 || !isReady(URI.create("http://localhost:" + port + "/q/health/ready"))) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            long waited = System.nanoTime() - began;
            if (waited > 120_000_000_000L) {
                throw new IllegalStateException(name + " not ready within 120 s; see " + log);
            }
            if (!dumped && waited > 8_000_000_000L) {
                // a slow start: what its threads are doing, beside its log
                dumped = true;
                threadDump(process, Path.of(log.toString().replace(".log", "-at-8s.threads")));
            }
            if (port == 0) {
                port = listeningPort(log);
            }
            Thread.sleep(20);
        }
        long readyMs = (System.nanoTime() - began) / 1_000_000;
        bench.line("");
        bench.line("Instance %s (pid %d) ready %,d ms after its process start.", name, process.pid(), readyMs);
        return new Instance(name, process, startedAt, readyMs);
    }

    private static boolean isReady(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2_000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Peak resident memory of each running instance so far. */
    private void rss(List<Instance> instances) {
        bench.line(
                "Peak RSS so far: %s.",
                instances.stream()
                        .map(i -> i.name() + " " + peakRssMib(i.process()) + " MiB")
                        .collect(Collectors.joining(", ")));
    }

    private static String peakRssMib(Process process) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> String.valueOf(Long.parseLong(l.replaceAll("\\D", "")) / 1024))
                    .findFirst()
                    .orElse("?");
        } catch (IOException | RuntimeException gone) {
            return "?";
        }
    }

    private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

    /** The port the instance logged it listens on, 0 while it has not. */
    private static int listeningPort(Path log) throws IOException {
        Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static void threadDump(Process process, Path to) throws IOException, InterruptedException {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                .redirectErrorStream(true)
                .redirectOutput(to.toFile())
                .start();
        dump.waitFor(20, TimeUnit.SECONDS);
    }
}
