package dev.leadpact.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and a real PostgreSQL, started by this project
 * (no Docker), and injects a {@link KafkaCompanion} into fields annotated {@link
 * InjectKafkaCompanion}.
 *
 * <p>Use it as {@code @WithTestResource(LeadPactTestResource.class)}. A service without a database
 * passes {@code initArgs = @ResourceArg(name = "postgres", value = "false")}.
 *
 * <p>Test classes with the same arguments share one app, broker and database. A class whose reports
 * must see its own data only passes {@code @ResourceArg(name = "stack", value = "<name>")}: Quarkus
 * then starts the app again for it, with a broker and a database of its own (an app start each).
 *
 * <p>With {@code LEADPACT_TEST_STACK=containers} (environment) or {@code -Dleadpact.test.stack=containers}
 * it starts Kafka and PostgreSQL containers through Testcontainers instead, for machines with Docker.
 */
public class LeadPactTestResource implements QuarkusTestResourceLifecycleManager {

    private boolean withPostgres = true;
    private String name = "default";
    private LocalStack stack;
    private KafkaCompanion companion;

    @Override
    public void init(Map<String, String> initArgs) {
        withPostgres = !"false".equals(initArgs.get("postgres"));
        name = initArgs.getOrDefault("stack", name);
    }

    @Override
    public Map<String, String> start() {
        String mode = System.getProperty(
                "leadpact.test.stack", System.getenv().getOrDefault("LEADPACT_TEST_STACK", "embedded"));
        stack = "containers".equals(mode)
                ? ContainerStack.start(withPostgres)
                : EmbeddedStack.start(Path.of(System.getProperty("java.io.tmpdir"), "stack-" + name), withPostgres);
        companion = new KafkaCompanion(stack.bootstrapServers());

        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", stack.bootstrapServers());
        if (withPostgres) {
            config.put("quarkus.datasource.jdbc.url", stack.jdbcUrl());
            config.put("quarkus.datasource.username", stack.username());
            config.put("quarkus.datasource.password", stack.password());
        }
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                companion, new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    /** Kafka and (optionally) PostgreSQL for one test run. */
    interface LocalStack extends AutoCloseable {
        String bootstrapServers();

        String jdbcUrl();

        default String username() {
            return LocalPostgres.USER;
        }

        default String password() {
            return LocalPostgres.PASSWORD;
        }

        @Override
        void close();
    }
}
