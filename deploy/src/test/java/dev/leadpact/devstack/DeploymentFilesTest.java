package dev.leadpact.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/docker-compose.yml} cannot run on these machines (no Docker), so the build checks
 * what it can: that every LeadPact service waits for healthy dependencies and has a health check,
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
        return variables;
    }
}
