package dev.leadpact.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole suite on one machine with nothing but a JDK: a real PostgreSQL, a real Kafka broker,
 * and the three services as child processes. {@code ./run.sh} runs {@link #main}; the system tests
 * use {@link #start} with free ports and settings of their own.
 *
 * <p>Arguments of {@code main}: {@code --root DIR} (the repository, default the working directory),
 * {@code --kafka-port} (9092), {@code --postgres-port} (15432).
 */
public final class DevStack implements AutoCloseable {

    /**
     * A service module, the port it listens on, its database (null: it has none), and the name of
     * this instance (its log file; the module's name unless several instances of it run).
     */
    public record Service(String module, int port, String database, String name) {
        public Service(String module, int port, String database) {
            this(module, port, database, module);
        }
    }

    public static final List<Service> SERVICES = List.of(
            new Service("lead-intake-service", 8081, null),
            new Service("sla-monitor-service", 8082, "sla_monitor"),
            new Service("closed-loop-reporting-service", 8083, "reporting"));

    /** The CRM webhook secret of the local suite, unless LEADPACT_WEBHOOKS_SECRET is set. */
    public static final String WEBHOOK_SECRET = "local-development-secret";
    /** The API key of the reports and the monitor's ops API, unless LEADPACT_READER_KEY is set. */
    public static final String READER_KEY = "local-reader-key";

    private final Path root;
    private final Path workDir;
    private final List<Service> services;
    private final Map<String, String> environment;
    private final List<Process> processes = new ArrayList<>();
    /** Settings of one instance on top of the suite's, by instance name ({@link #launchService}). */
    private final Map<String, Map<String, String>> instanceSettings = new ConcurrentHashMap<>();

    private LocalPostgres postgres;
    private KafkaBroker kafka;
    private volatile boolean closing;
    /** PostgreSQL takes TLS and SCRAM only ({@link LocalPostgres#startSecured}). */
    private final boolean securedPostgres;

    private DevStack(
            Path root, Path workDir, List<Service> services, Map<String, String> environment, boolean securedPostgres) {
        this.root = root;
        this.workDir = workDir;
        this.services = services;
        this.environment = environment;
        this.securedPostgres = securedPostgres;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path root = Path.of(options.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(
                "LEADPACT_WEBHOOKS_SECRET", System.getenv().getOrDefault("LEADPACT_WEBHOOKS_SECRET", WEBHOOK_SECRET));
        environment.put("LEADPACT_READER_KEY", System.getenv().getOrDefault("LEADPACT_READER_KEY", READER_KEY));
        // one machine posts here for every visitor (demo traffic, a load test): no per-client limit
        // unless asked for
        environment.put(
                "LEADPACT_HTTP_RATE_LIMIT_ENABLED",
                System.getenv().getOrDefault("LEADPACT_HTTP_RATE_LIMIT_ENABLED", "false"));
        DevStack stack = new DevStack(root, root.resolve("deploy/target/devstack"), SERVICES, environment, false);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "devstack-shutdown"));
        try {
            stack.start(
                    Integer.parseInt(options.getOrDefault("kafka-port", "9092")),
                    Integer.parseInt(options.getOrDefault("postgres-port", "15432")));
        } catch (RuntimeException | IOException e) {
            System.err.println("LeadPact did not start: " + e.getMessage());
            System.exit(1);
        }
        stack.printBanner();
        stack.supervise();
    }

    /**
     * Until Ctrl-C: a service that exits on its own (a crash, a kill) is started again, and the
     * others stay up. One that keeps exiting soon after its start waits longer each time (1 s,
     * doubling, at most a minute) so that a broken setting does not spin; its log says why.
     */
    private void supervise() throws InterruptedException {
        Duration[] backoff = new Duration[services.size()];
        Instant[] startedAt = new Instant[services.size()];
        Arrays.fill(backoff, Duration.ofSeconds(1));
        Arrays.fill(startedAt, Instant.now());
        while (!closing) {
            Thread.sleep(500);
            for (int i = 0; i < services.size() && !closing; i++) {
                Process process = processes.get(i);
                if (process.isAlive()) {
                    continue;
                }
                Service service = services.get(i);
                boolean soon = Duration.between(startedAt[i], Instant.now()).compareTo(Duration.ofMinutes(1)) < 0;
                backoff[i] = soon ? backoff[i] : Duration.ofSeconds(1);
                System.err.printf(
                        "[leadpact] %s exited (code %d); the others stay up, restarting it in %d s. Log: %s%n",
                        service.name(),
                        process.exitValue(),
                        backoff[i].toSeconds(),
                        logDir().resolve(service.name() + ".log"));
                Thread.sleep(backoff[i].toMillis());
                synchronized (this) {
                    if (closing) {
                        return;
                    }
                    try {
                        processes.set(i, launch(service));
                    } catch (IOException e) {
                        System.err.printf("[leadpact] %s did not start: %s%n", service.name(), e.getMessage());
                    }
                }
                startedAt[i] = Instant.now();
                backoff[i] = backoff[i].multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0
                        ? Duration.ofMinutes(1)
                        : backoff[i].multipliedBy(2);
            }
        }
    }

    /**
     * Starts the suite for a test: Kafka and PostgreSQL on free ports, the services on the given
     * ports, each with {@code environment} added to its own.
     *
     * @param root the repository, whose service modules have been packaged
     */
    public static DevStack start(Path root, Path workDir, List<Service> services, Map<String, String> environment) {
        return start(root, workDir, services, environment, false);
    }

    /**
     * Like {@link #start(Path, Path, List, Map)}, with a PostgreSQL that takes TLS connections with
     * SCRAM-SHA-256 only: the services get it as an operator gives it to them, a JDBC URL with
     * {@code sslmode=verify-full&sslrootcert=<certificate>} and the password.
     */
    public static DevStack startWithSecuredPostgres(
            Path root, Path workDir, List<Service> services, Map<String, String> environment) {
        return start(root, workDir, services, environment, true);
    }

    private static DevStack start(
            Path root, Path workDir, List<Service> services, Map<String, String> environment, boolean securedPostgres) {
        DevStack stack = new DevStack(root, workDir, services, Map.copyOf(environment), securedPostgres);
        try {
            stack.start(0, 0);
            return stack;
        } catch (IOException e) {
            stack.close();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            stack.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Path logDir() {
        return workDir.resolve("logs");
    }

    /** The JDBC URL of one of the suite's databases (user and password {@code postgres}). */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** The process id of a running service instance (by its {@link Service#name}). */
    public long pid(String name) {
        return processes.get(indexOf(name)).pid();
    }

    /** What a one-off command of a service printed, and how it exited. */
    public record CommandResult(int exitCode, String output) {}

    /**
     * Runs a service's jar once with {@code args} (a command such as the reporting service's
     * {@code rebuild-read-models}), with the settings the service runs with, and waits for it.
     */
    public CommandResult runCommand(String module, Duration timeout, String... args)
            throws IOException, InterruptedException {
        Service service = services.get(indexOf(module));
        List<String> command = javaCommand(service);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        configure(builder.environment(), service);
        Path output = logDir().resolve(service.module() + "-" + String.join("-", args) + ".log");
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
        log("running %s %s", service.module(), String.join(" ", args));
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(service.module() + " " + String.join(" ", args) + " did not end within "
                    + timeout + "; see " + output);
        }
        return new CommandResult(process.exitValue(), Files.readString(output));
    }

    /** Stops one service with SIGTERM, as an orchestrator would, and waits until it has exited. */
    public void stopService(String name) throws InterruptedException {
        Process process = processes.get(indexOf(name));
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        log("stopped %s", name);
    }

    /** Kills one service with SIGKILL (no shutdown of its own), and waits until it is gone. */
    public void killService(String name) throws InterruptedException {
        Process process = processes.get(indexOf(name));
        process.destroyForcibly();
        process.waitFor();
        log("killed %s", name);
    }

    /**
     * Stops PostgreSQL (its process exits, connections are refused) and keeps its data: an outage.
     */
    public void stopPostgres() {
        postgres.stop();
        log("stopped PostgreSQL");
    }

    /** Shuts the Kafka broker down (connections refused) and keeps its data: an outage. */
    public void stopKafka() {
        kafka.stop();
        log("stopped Kafka");
    }

    /** Starts the broker again after {@link #stopKafka}, on the same port with the same data. */
    public void startKafka() {
        kafka.resume();
        log("started Kafka again");
    }

    /** Starts PostgreSQL again after {@link #stopPostgres}, on the same port with the same data. */
    public void startPostgres() {
        postgres.resume();
        log("started PostgreSQL again");
    }

    /** Starts a stopped service again, with the suite's settings, and waits until it is ready. */
    public void startService(String name) throws IOException, InterruptedException {
        startService(name, Map.of());
    }

    /** Starts a stopped service with {@code settings} on top of the suite's, and waits until it is ready. */
    public void startService(String name, Map<String, String> settings) throws IOException, InterruptedException {
        launchService(name, settings);
        awaitReady(name);
    }

    /**
     * Starts a stopped service with {@code settings} (environment variables) on top of the suite's,
     * and returns at once: the instance may exit before it is ready (a fault point of the monitor).
     */
    public void launchService(String name, Map<String, String> settings) throws IOException {
        int index = indexOf(name);
        if (processes.get(index).isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        instanceSettings.put(name, Map.copyOf(settings));
        processes.set(index, launch(services.get(index)));
    }

    /**
     * The command and environment an instance is started with (the suite's settings, then {@code
     * settings}), not started: for a caller that times a start itself (the intake benchmark's
     * start-up to ready). The process is the caller's to stop; the suite does not supervise it.
     */
    public ProcessBuilder launcher(String name, Map<String, String> settings) {
        ProcessBuilder builder = builder(services.get(indexOf(name)));
        builder.environment().putAll(settings);
        return builder;
    }

    /** Waits until a service instance exits by itself, and returns its exit status. */
    public int awaitExit(String name, Duration within) throws InterruptedException {
        Process process = processes.get(indexOf(name));
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still runs after " + within);
        }
        log("%s exited with status %d", name, process.exitValue());
        return process.exitValue();
    }

    private int indexOf(String name) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No service " + name);
    }

    private void start(int kafkaPort, int postgresPort) throws IOException, InterruptedException {
        for (Service service : services) {
            Path jar = runnerJar(service);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./mvnw -B -DskipTests package)");
            }
            if (!Files.isRegularFile(jvmOptions(service))) {
                throw new IllegalStateException(
                        jvmOptions(service) + " is missing: it holds the service's JVM options");
            }
        }
        deleteRecursively(workDir);
        Files.createDirectories(logDir());

        log("starting PostgreSQL%s", postgresPort == 0 ? "" : " on port " + postgresPort);
        postgres = securedPostgres
                ? LocalPostgres.startSecured(postgresPort, workDir.resolve("postgres-tls"))
                : LocalPostgres.start(postgresPort);
        log("starting Kafka (KRaft)%s", kafkaPort == 0 ? "" : " on port " + kafkaPort);
        kafka = KafkaBroker.start(workDir.resolve("kafka"), kafkaPort, 3);

        for (Service service : services) {
            processes.add(launch(service));
        }
        awaitReady();
    }

    private void printBanner() {
        StringBuilder banner = new StringBuilder(
                "\nLeadPact is up. Ctrl-C stops everything; a service that exits is started again.\n\n");
        banner.append(String.format("  Kafka bootstrap    %s%n", kafka.bootstrapServers()));
        banner.append(String.format(
                "  PostgreSQL         localhost:%d (user %s, password %s)%n",
                postgres.port(), LocalPostgres.USER, LocalPostgres.PASSWORD));
        for (Service service : services) {
            banner.append(String.format(
                    "  %-30s http://localhost:%d  (Swagger UI: /q/swagger-ui)%n", service.module(), service.port()));
        }
        banner.append(String.format("%n  Webhook secret     %s%n", environment.get("LEADPACT_WEBHOOKS_SECRET")));
        banner.append(String.format(
                "  API key            %s (reports and the monitor's /sla/*)%n",
                environment.get("LEADPACT_READER_KEY")));
        banner.append(String.format(
                "  Intake rate limit  %s%n",
                Boolean.parseBoolean(environment.get("LEADPACT_HTTP_RATE_LIMIT_ENABLED"))
                        ? "on"
                        : "off (LEADPACT_HTTP_RATE_LIMIT_ENABLED=true turns it on)"));
        services.stream()
                .filter(s -> s.module().equals("closed-loop-reporting-service"))
                .findFirst()
                .ifPresent(reporting -> banner.append(String.format(
                        "  Dashboard          http://localhost:%d/dashboard?token=%s%n",
                        reporting.port(), environment.get("LEADPACT_READER_KEY"))));
        banner.append(String.format("  Service logs       %s%n", logDir()));
        System.out.println(banner);
    }

    private Process launch(Service service) throws IOException {
        ProcessBuilder builder = builder(service);
        Path logFile = logDir().resolve(service.name() + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        log("starting %s on port %d", service.name(), service.port());
        return builder.start();
    }

    private ProcessBuilder builder(Service service) {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(service));
        configure(builder.environment(), service);
        return builder;
    }

    private void configure(Map<String, String> env, Service service) {
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        // a suite whose services log in with SASL (KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT and the
        // SCRAM settings in its environment) gets the broker's SASL listener
        env.put(
                "KAFKA_BOOTSTRAP_SERVERS",
                "SASL_PLAINTEXT".equals(environment.get("KAFKA_SECURITY_PROTOCOL"))
                        ? kafka.saslBootstrapServers()
                        : kafka.bootstrapServers());
        if (service.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.createDatabase(service.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        }
        if (service.module().equals("closed-loop-reporting-service")) {
            // the dashboard's what-if panel runs its simulations on the suite's (first) monitor
            services.stream()
                    .filter(s -> s.module().equals("sla-monitor-service"))
                    .findFirst()
                    .ifPresent(
                            monitor -> env.put("LEADPACT_REPORTING_MONITOR_URL", "http://localhost:" + monitor.port()));
        }
        env.putAll(environment);
        env.putAll(instanceSettings.getOrDefault(service.name(), Map.of()));
    }

    /** Waits until every instance is ready. */
    private void awaitReady() throws InterruptedException {
        for (Service service : services) {
            awaitReady(service.name());
        }
    }

    /** Waits until one instance is ready; the others may be stopped. */
    private void awaitReady(String name) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        int i = indexOf(name);
        Service service = services.get(i);
        URI ready = URI.create("http://localhost:" + service.port() + "/q/health/ready");
        Path logFile = logDir().resolve(service.name() + ".log");
        while (!isUp(http, ready)) {
            if (!processes.get(i).isAlive()) {
                throw new IllegalStateException(service.name() + " exited; see " + logFile);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service.name() + " not ready after 3 minutes; see " + logFile);
            }
            Thread.sleep(250);
        }
        log("%s is ready", service.name());
    }

    private static boolean isUp(HttpClient http, URI uri) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Services first, so that they leave the broker and database cleanly; then Kafka, then PostgreSQL. */
    @Override
    public synchronized void close() {
        closing = true;
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        log("stopped");
    }

    /**
     * {@code java @<module>/jvm.options -jar quarkus-run.jar}: the service's JVM options (its heap)
     * from the argument file in its module, read by the {@code java} launcher itself.
     */
    private List<String> javaCommand(Service service) {
        return new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "@" + jvmOptions(service),
                "-jar",
                runnerJar(service).toString()));
    }

    private Path jvmOptions(Service service) {
        return root.resolve(service.module()).resolve("jvm.options");
    }

    /** The options in a module's {@code jvm.options}, comments left out, for reports that quote them. */
    public static String jvmOptionsOf(Path moduleDir) throws IOException {
        return Files.readAllLines(moduleDir.resolve("jvm.options")).stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining(" "));
    }

    private Path runnerJar(Service service) {
        return root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static void log(String format, Object... args) {
        System.out.printf("[leadpact] " + format + "%n", args);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("Usage: DevStack [--root DIR] [--kafka-port N] [--postgres-port N]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
