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
    public static final List<String> TOPICS = List.of(
            Topics.CONVERSIONS,
            Topics.SALES_ACTIVITIES,
            Topics.DEALS_CLOSED,
            Topics.SLA_BREACHES,
            Topics.MARKETING_COMMITMENTS);

    private final Properties config;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private KafkaBroker(Properties config, String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
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
        Properties config = config(dataDir, clientPort, controllerPort, partitions);
        format(dataDir, config);
        KafkaBroker broker = new KafkaBroker(config, "localhost:" + clientPort);
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

    private static Properties config(Path dataDir, int clientPort, int controllerPort, int partitions) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.put("listeners", "PLAINTEXT://localhost:" + clientPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
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
                    new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(), "--config", file.toString()},
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
            for (String topic : TOPICS) {
                for (String name : List.of(topic, Topics.deadLetterOf(topic))) {
                    if (!existing.contains(name)) {
                        missing.add(new NewTopic(name, partitions, (short) 1));
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
