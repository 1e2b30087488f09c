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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole suite on one machine with nothing but a JDK: a real PostgreSQL, a real Kafka broker,
 * and the three services as child processes on fixed ports. Ctrl-C stops everything.
 *
 * <p>Arguments: {@code --root DIR} (the repository, default the working directory), {@code
 * --kafka-port} (9092), {@code --postgres-port} (15432).
 */
public final class DevStack {

    record Service(String module, int port, String database) {}

    static final List<Service> SERVICES = List.of(
            new Service("lead-intake-service", 8081, null),
            new Service("sla-monitor-service", 8082, "sla_monitor"),
            new Service("closed-loop-reporting-service", 8083, "reporting"));

    /** The CRM webhook secret of the local suite, unless LEADPACT_WEBHOOKS_SECRET is set. */
    static final String WEBHOOK_SECRET = "local-development-secret";

    private final Path root;
    private final Path workDir;
    private final List<Process> processes = new ArrayList<>();
    private LocalPostgres postgres;
    private KafkaBroker kafka;

    private DevStack(Path root) {
        this.root = root;
        this.workDir = root.resolve("deploy/target/devstack");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        DevStack stack = new DevStack(Path.of(options.getOrDefault("root", ".")).toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-shutdown"));
        try {
            stack.start(
                    Integer.parseInt(options.getOrDefault("kafka-port", "9092")),
                    Integer.parseInt(options.getOrDefault("postgres-port", "15432")));
        } catch (RuntimeException | IOException e) {
            System.err.println("LeadPact did not start: " + e.getMessage());
            System.exit(1);
        }
        // Stay up until Ctrl-C, or until a service dies on its own.
        for (Process process : stack.processes) {
            int exit = process.waitFor();
            System.err.printf("A service exited with code %d; stopping the suite. Logs: %s%n", exit, stack.logDir());
            System.exit(1);
        }
    }

    private void start(int kafkaPort, int postgresPort) throws IOException, InterruptedException {
        for (Service service : SERVICES) {
            Path jar = runnerJar(service);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build first (./mvnw package -DskipTests)");
            }
        }
        deleteRecursively(workDir);
        Files.createDirectories(logDir());

        log("starting PostgreSQL on port %d", postgresPort);
        postgres = LocalPostgres.start(postgresPort);
        log("starting Kafka (KRaft) on port %d", kafkaPort);
        kafka = KafkaBroker.start(workDir.resolve("kafka"), kafkaPort, 3);

        for (Service service : SERVICES) {
            processes.add(launch(service));
        }
        awaitReady();

        StringBuilder banner = new StringBuilder("\nLeadPact is up. Ctrl-C stops everything.\n\n");
        banner.append(String.format("  Kafka bootstrap    localhost:%d%n", kafkaPort));
        banner.append(String.format(
                "  PostgreSQL         localhost:%d (user %s, password %s)%n",
                postgres.port(), LocalPostgres.USER, LocalPostgres.PASSWORD));
        for (Service service : SERVICES) {
            banner.append(String.format(
                    "  %-30s http://localhost:%d  (OpenAPI UI: /q/swagger-ui)%n", service.module(), service.port()));
        }
        banner.append(String.format(
                "%n  Webhook secret     %s%n",
                System.getenv().getOrDefault("LEADPACT_WEBHOOKS_SECRET", WEBHOOK_SECRET)));
        banner.append(String.format("  Service logs       %s%n", logDir()));
        System.out.println(banner);
    }

    private Process launch(Service service) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder =
                new ProcessBuilder(java, "-Xmx384m", "-jar", runnerJar(service).toString());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.putIfAbsent("LEADPACT_WEBHOOKS_SECRET", WEBHOOK_SECRET);
        if (service.database() != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.createDatabase(service.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", LocalPostgres.USER);
            env.put("QUARKUS_DATASOURCE_PASSWORD", LocalPostgres.PASSWORD);
        }
        Path logFile = logDir().resolve(service.module() + ".log");
        builder.redirectErrorStream(true).redirectOutput(logFile.toFile());
        log("starting %s on port %d", service.module(), service.port());
        return builder.start();
    }

    private void awaitReady() throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        for (int i = 0; i < SERVICES.size(); i++) {
            Service service = SERVICES.get(i);
            URI ready = URI.create("http://localhost:" + service.port() + "/q/health/ready");
            while (!isUp(http, ready)) {
                if (!processes.get(i).isAlive()) {
                    throw new IllegalStateException(
                            service.module() + " exited; see " + logDir().resolve(service.module() + ".log"));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(service.module() + " not ready after 3 minutes; see "
                            + logDir().resolve(service.module() + ".log"));
                }
                Thread.sleep(250);
            }
            log("%s is ready", service.module());
        }
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
    private void stop() {
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
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        System.out.println("LeadPact stopped.");
    }

    private Path runnerJar(Service service) {
        return root.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path logDir() {
        return workDir.resolve("logs");
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
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
