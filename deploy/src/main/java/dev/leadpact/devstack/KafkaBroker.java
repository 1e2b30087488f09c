package dev.leadpact.devstack;

import dev.leadpact.events.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker, the same server class that {@code kafka-server-start.sh} runs, in
 * KRaft mode as a single combined broker and controller, inside this JVM. Its storage is formatted
 * on first start, exactly as {@code kafka-storage.sh format} does.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The topics LeadPact uses, created up front so no client waits for auto-creation. */
    /**
     * The SCRAM-SHA-512 user of the broker's second listener ({@code SASL_PLAINTEXT}), for trying
     * and testing clients with SASL settings; the first listener stays plain.
     */
    public static final String SASL_USER = "leadpact";

    public static final String SASL_PASSWORD = "leadpact-local-secret";
    public static final String SASL_MECHANISM = "SCRAM-SHA-512";

    private final Properties config;
    private final String bootstrapServers;
    private final String saslBootstrapServers;
    private KafkaRaftServer server;

    private KafkaBroker(Properties config, String bootstrapServers, String saslBootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.saslBootstrapServers = saslBootstrapServers;
    }

    /**
     * Starts a broker and creates LeadPact's topics (and their dead-letter topics).
     *
     * @param dataDir where the log segments and KRaft metadata live
     * @param port the client port; 0 picks a free one
     * @param partitions partitions of each LeadPact topic
     */
    public static KafkaBroker start(Path dataDir, int port, int partitions) {
        int clientPort = FreePorts.orNext(port);
        int controllerPort = FreePorts.next();
        int saslPort = FreePorts.next();
        Properties config = config(dataDir, clientPort, controllerPort, saslPort, partitions);
        format(dataDir, config);
        KafkaBroker broker = new KafkaBroker(config, "localhost:" + clientPort, "localhost:" + saslPort);
        broker.resume();
        try {
            broker.createTopics(partitions);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The listener that takes only SCRAM-SHA-512 clients ({@link #SASL_USER}). */
    public String saslBootstrapServers() {
        return saslBootstrapServers;
    }

    /** The JAAS line of a client that logs in as {@link #SASL_USER}. */
    public static String saslJaasConfig() {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + SASL_USER
                + "\" password=\"" + SASL_PASSWORD + "\";";
    }

    /**
     * Shuts the broker down (clients' connections are refused) and keeps its data, for {@link
     * #resume}: the outage of the fault tests.
     */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the broker again on the same ports with the same data (it keeps topics and offsets). */
    public synchronized void resume() {
        if (server == null) {
            server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static Properties config(Path dataDir, int clientPort, int controllerPort, int saslPort, int partitions) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put(
                "listeners",
                "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort
                        + ",SASL_PLAINTEXT://localhost:" + saslPort);
        p.put(
                "advertised.listeners",
                "PLAINTEXT://localhost:" + clientPort + ",SASL_PLAINTEXT://localhost:" + saslPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put(
                "listener.security.protocol.map",
                "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", SASL_MECHANISM);
        p.put(
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(partitions));
        // One node: every internal topic has a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private static void format(Path dataDir, Properties config) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolveSibling(dataDir.getFileName() + ".properties");
            try (OutputStream out = Files.newOutputStream(file)) {
                config.store(out, "LeadPact local broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(
                    new String[] {
                        "format",
                        "--cluster-id",
                        Uuid.randomUuid().toString(),
                        "--config",
                        file.toString(),
                        "--add-scram",
                        SASL_MECHANISM + "=[name=" + SASL_USER + ",password=" + SASL_PASSWORD + "]"
                    },
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException(
                        "Formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare Kafka storage in " + dataDir, e);
        }
    }

    private void createTopics(int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.ALL) {
                for (String name : List.of(topic, Topics.deadLetterOf(topic))) {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, partitions, (short) 1).configs(Topics.settingsOf(name)));
                    }
                }
            }
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not create LeadPact's topics", e);
        }
    }
}
