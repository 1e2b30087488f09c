package dev.leadpact.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.leadpact.events.Topics;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserScramSha512ClientAuthentication;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/docker-compose.yml} and {@code deploy/k8s/} cannot run on these machines (no Docker,
 * no cluster), so the build checks what it can. The Kubernetes and Strimzi manifests are read into
 * the Kubernetes (fabric8) and Strimzi API models, generated from their schemas, and no field may be
 * one they do not define; the compose file is validated against the Compose Specification's JSON
 * schema, and beyond it: that every LeadPact service waits for healthy dependencies and has a health check,
 * that every environment variable it sets is a setting the service reads (its own {@code
 * application.properties}, or the shared policy defaults), that the topics job creates every topic
 * with the settings of {@link Topics#settingsOf}, and that the images run as a non-root user.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> SERVICES =
            List.of("lead-intake-service", "sla-monitor-service", "closed-loop-reporting-service");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(ROOT.resolve("deploy/docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    /** The Compose Specification's JSON schema (see {@code compose-spec.md} beside it). */
    @Test
    void theComposeFileIsValidUnderTheComposeSpecification() throws IOException {
        JsonNode spec;
        try (InputStream in = DeploymentFilesTest.class.getResourceAsStream("/compose-spec.json")) {
            spec = new ObjectMapper().readTree(in);
        }
        // its "id" annotations are draft-04 spelling, which a 2019-09 validator refuses to take
        withoutIdAnnotations(spec);
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09)
                .getSchema(spec.toString(), InputFormat.JSON);
        // SnakeYAML resolves the file's anchors and aliases (the services' shared health check)
        JsonNode file = new ObjectMapper().valueToTree(compose());
        assertThat(schema.validate(file)).isEmpty();
        ((ObjectNode) file.get("services").get("kafka")).put("restart_policy", "always");
        assertThat(schema.validate(file)).as("a field Compose does not know").isNotEmpty();
    }

    private static void withoutIdAnnotations(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("id").isTextual()) {
                object.remove("id");
            }
            object.forEach(DeploymentFilesTest::withoutIdAnnotations);
        } else if (node.isArray()) {
            node.forEach(DeploymentFilesTest::withoutIdAnnotations);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceWaitsForHealthyDependenciesAndHasAHealthCheck() throws IOException {
        Map<String, Object> compose = compose();
        for (String name : List.of("kafka", "postgres")) {
            assertThat(service(compose, name)).as(name).containsKey("healthcheck");
        }
        for (String name : SERVICES) {
            Map<String, Object> service = service(compose, name);
            assertThat(service).as(name).containsKeys("build", "image", "healthcheck", "depends_on");
            assertThat(((Map<String, Object>) service.get("healthcheck"))
                            .get("test")
                            .toString())
                    .as(name)
                    .contains("/q/health/ready");
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) service.get("depends_on");
            assertThat(dependsOn.get("topics")).as(name).containsEntry("condition", "service_completed_successfully");
            if (!name.equals("lead-intake-service")) {
                assertThat(dependsOn.get("postgres")).as(name).containsEntry("condition", "service_healthy");
            }
        }
        assertThat(((Map<String, Map<String, String>>)
                                service(compose, "topics").get("depends_on"))
                        .get("kafka"))
                .containsEntry("condition", "service_healthy");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVariableTheFileSetsIsASettingTheServiceReads() throws IOException {
        Map<String, Object> compose = compose();
        for (String name : SERVICES) {
            Set<String> read = settingsRead(name);
            Map<String, Object> environment =
                    (Map<String, Object>) service(compose, name).get("environment");
            assertThat(environment).as(name).isNotEmpty();
            for (String variable : environment.keySet()) {
                assertThat(read).as(name + " reads " + variable).contains(variable);
            }
        }
    }

    /** A variable that names no setting fails the check above: the check can fail. */
    @Test
    void aVariableThatIsNoSettingIsCaught() throws IOException {
        assertThat(settingsRead("sla-monitor-service"))
                .contains("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL", "LEADPACT_READER_KEY")
                .doesNotContain("LEADPACT_WEBHOOKS_SECRET", "LEADPACT_REDER_KEY");
    }

    @Test
    void theTopicsJobCreatesEveryTopicWithItsSettings() throws IOException {
        String script = Files.readString(ROOT.resolve("deploy/compose/create-topics.sh"));
        String personal = lineOf(script, "^PERSONAL=\"(.*)\"$");
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.deadLetterOf(topic))) {
                String line = lineOf(script, "^create " + Pattern.quote(name) + "(?: (.*))?$");
                Set<String> configs = new HashSet<>();
                Matcher config = Pattern.compile("--config (\\S+)").matcher(line.replace("$PERSONAL", personal));
                while (config.find()) {
                    configs.add(config.group(1));
                }
                Set<String> expected = new HashSet<>();
                Topics.settingsOf(name).forEach((key, value) -> expected.add(key + "=" + value));
                assertThat(configs).as(name).isEqualTo(expected);
            }
        }
    }

    @Test
    void theImagesRunAsAnUnprivilegedUserOnPort8080() throws IOException {
        for (String name : SERVICES) {
            String dockerfile = Files.readString(ROOT.resolve(name).resolve("src/main/docker/Dockerfile.jvm"));
            Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
            assertThat(user.find()).as(name).isTrue();
            assertThat(user.group(1)).as(name).isNotIn("root", "0");
            assertThat(dockerfile).as(name).contains("EXPOSE 8080", "target/quarkus-app/");
        }
    }

    @Test
    void theImagesStartTheServiceWithItsJvmOptionsAsRunShDoes() throws IOException {
        for (String name : SERVICES) {
            assertThat(ROOT.resolve(name).resolve("jvm.options")).as(name).isRegularFile();
            String dockerfile = Files.readString(ROOT.resolve(name).resolve("src/main/docker/Dockerfile.jvm"));
            assertThat(dockerfile)
                    .as(name)
                    .contains("COPY --chown=185 jvm.options /deployments/jvm.options")
                    .containsPattern("(?m)^ENV JAVA_OPTS_APPEND=\"@/deployments/jvm.options ");
        }
    }

    // ---------------------------------------------------------------- deploy/k8s

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Class<?>> KINDS = Map.of(
            "Deployment", Deployment.class,
            "Service", io.fabric8.kubernetes.api.model.Service.class,
            "PodDisruptionBudget", PodDisruptionBudget.class,
            "Kafka", Kafka.class,
            "KafkaNodePool", KafkaNodePool.class,
            "KafkaTopic", KafkaTopic.class,
            "KafkaUser", KafkaUser.class);

    /** Every document of every file the kustomization lists, read into its model class. */
    @SuppressWarnings("unchecked")
    private static List<Object> manifests() throws IOException {
        Path dir = ROOT.resolve("deploy/k8s");
        Map<String, Object> kustomization = new Yaml().load(Files.readString(dir.resolve("kustomization.yaml")));
        List<String> resources = (List<String>) kustomization.get("resources");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml")))
                    .as("every file in deploy/k8s is a resource of the kustomization")
                    .containsExactlyInAnyOrderElementsOf(resources);
        }
        List<Object> manifests = new ArrayList<>();
        for (String resource : resources) {
            try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class)
                    .readValues(dir.resolve(resource).toFile())) {
                for (JsonNode document : documents.readAll()) {
                    String kind = document.path("kind").asText();
                    assertThat(KINDS)
                            .as(resource + ": a kind LeadPact's manifests use (no Secret: values are never committed)")
                            .containsKey(kind);
                    Object manifest = YAML.treeToValue(document, KINDS.get(kind));
                    assertThat(unknownFields(manifest, kind))
                            .as(resource + ": fields the schema has no place for")
                            .isEmpty();
                    manifests.add(manifest);
                }
            }
        }
        return manifests;
    }

    /**
     * The fields of a model object, and of everything in it, that its class does not define: the
     * Kubernetes and Strimzi models keep them aside ({@code getAdditionalProperties}) instead of
     * failing, which is where a misspelt or misplaced field ends up.
     */
    private static List<String> unknownFields(Object model, String path) {
        List<String> unknown = new ArrayList<>();
        if (model == null || !model.getClass().getPackageName().startsWith("io.")) {
            return unknown;
        }
        for (Method getter : model.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            String name = getter.getName();
            if (!name.startsWith("get") || name.equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(model);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    unknown.addAll(unknownFields(item, path + "." + name.substring(3) + "[" + i++ + "]"));
                }
            } else if (value instanceof Map<?, ?> entries) {
                entries.forEach((key, item) -> unknown.addAll(unknownFields(item, path + "." + key)));
            } else {
                unknown.addAll(unknownFields(value, path + "." + name.substring(3)));
            }
        }
        return unknown;
    }

    @Test
    void aMisspeltFieldIsCaught() throws IOException {
        Deployment typo = YAML.readValue(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicaz: 2}\n", Deployment.class);
        assertThat(unknownFields(typo, "Deployment")).containsExactly("Deployment.Spec: [replicaz]");
    }

    @Test
    void theDeploymentsProbeHealthLimitTheirResourcesAndSurviveADisruption() throws IOException {
        List<Object> manifests = manifests();
        Set<String> budgets = new HashSet<>();
        for (Object manifest : manifests) {
            if (manifest instanceof PodDisruptionBudget budget) {
                assertThat(budget.getSpec().getMinAvailable().getIntVal()).isPositive();
                budgets.add(budget.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name"));
            }
        }
        Set<String> deployed = new HashSet<>();
        for (Object manifest : manifests) {
            if (!(manifest instanceof Deployment deployment)) {
                continue;
            }
            String name = deployment.getMetadata().getName();
            deployed.add(name);
            assertThat(deployment.getSpec().getReplicas())
                    .as(name + " replicas")
                    .isGreaterThan(1);
            assertThat(budgets).as(name + " has a PodDisruptionBudget").contains(name);
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(deployment
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getSecurityContext()
                            .getRunAsNonRoot())
                    .isTrue();
            Container container =
                    deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            Set<String> read = settingsRead(name);
            for (EnvVar variable : container.getEnv()) {
                assertThat(read).as(name + " reads " + variable.getName()).contains(variable.getName());
                if (variable.getValueFrom() != null) {
                    assertThat(variable.getValueFrom().getSecretKeyRef())
                            .as(variable.getName())
                            .isNotNull();
                }
            }
        }
        assertThat(deployed).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    @Test
    void theKafkaClusterTopicsAndUsersAreWhatTheServicesNeed() throws IOException {
        List<Object> manifests = manifests();
        Map<String, KafkaTopic> topics = new HashMap<>();
        Set<String> users = new HashSet<>();
        for (Object manifest : manifests) {
            if (manifest instanceof KafkaTopic topic) {
                topics.put(topic.getSpec().getTopicName(), topic);
            } else if (manifest instanceof KafkaUser user) {
                assertThat(user.getSpec().getAuthentication())
                        .isInstanceOf(KafkaUserScramSha512ClientAuthentication.class);
                users.add(user.getMetadata().getName());
            } else if (manifest instanceof Kafka kafka) {
                assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled");
                assertThat(kafka.getSpec().getKafka().getConfig()).containsEntry("auto.create.topics.enable", false);
            } else if (manifest instanceof KafkaNodePool pool) {
                assertThat(pool.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
            }
        }
        Set<Integer> leadPartitions = new HashSet<>();
        for (String topic : Topics.ALL) {
            for (String name : List.of(topic, Topics.deadLetterOf(topic))) {
                assertThat(topics).as("a KafkaTopic for " + name).containsKey(name);
                Map<String, Object> config = topics.get(name).getSpec().getConfig();
                Topics.settingsOf(name).forEach((key, value) -> assertThat(String.valueOf(config.get(key)))
                        .as(name + " " + key)
                        .isEqualTo(value));
                if (name.equals(topic) && !topic.equals(Topics.MARKETING_COMMITMENTS)) {
                    leadPartitions.add(topics.get(name).getSpec().getPartitions());
                }
            }
        }
        assertThat(leadPartitions).as("partitions of the lead-keyed topics").hasSize(1);
        assertThat(users).containsExactlyInAnyOrderElementsOf(SERVICES);
    }

    private static String lineOf(String script, String regex) {
        Matcher line = Pattern.compile(regex, Pattern.MULTILINE).matcher(script);
        assertThat(line.find()).as(regex).isTrue();
        return line.group(1) == null ? "" : line.group(1);
    }

    /**
     * The environment variables a service reads: each property its {@code application.properties}
     * sets or documents (a commented {@code # key=value} line), under any profile, and (for the two
     * services that read policies) each policy default of {@code sla-policy}, as Quarkus maps them to variables (upper case, every other
     * character an underscore), and each variable the file reads itself ({@code ${NAME:...}}).
     */
    private static Set<String> settingsRead(String service) throws IOException {
        Set<String> variables = new HashSet<>();
        Pattern property = Pattern.compile("^#?\\s*(?:%[a-z]+\\.)?([a-z][a-zA-Z0-9.\\-\"_]*)=");
        Pattern reference = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
        List<Path> files =
                new ArrayList<>(List.of(ROOT.resolve(service).resolve("src/main/resources/application.properties")));
        if (!service.equals("lead-intake-service")) {
            // the monitor and the reporting service read the SLA policies
            files.add(ROOT.resolve("sla-policy/src/main/resources/META-INF/microprofile-config.properties"));
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                Matcher key = property.matcher(line.strip());
                if (key.find()) {
                    variables.add(key.group(1).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
                }
                Matcher variable = reference.matcher(line);
                while (variable.find()) {
                    variables.add(variable.group(1));
                }
            }
        }
        // KAFKA_* reaches every client as the kafka.* setting of that name (see the README)
        Stream.concat(ProducerConfig.configNames().stream(), ConsumerConfig.configNames().stream())
                .map(name -> "KAFKA_" + name.toUpperCase(Locale.ROOT).replace('.', '_'))
                .forEach(variables::add);
        return variables;
    }
}
