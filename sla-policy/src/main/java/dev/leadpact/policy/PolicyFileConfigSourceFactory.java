package dev.leadpact.policy;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.source.yaml.YamlConfigSource;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The {@code leadpact.sla.*} settings from the YAML file that {@code leadpact.sla.policy-file} (env
 * {@code LEADPACT_SLA_POLICY_FILE}) names, so that policies can be versioned in git next to the
 * deployment that uses them. The file holds the usual keys nested, either from the top ({@code
 * leadpact: sla: policies: ...}) or, when its top level has no {@code leadpact} key, from {@code
 * leadpact.sla} ({@code policies: ...}); it may set only {@code policies}, {@code calendars},
 * {@code managers}, {@code sources} and {@code default-source}, so that it cannot change a
 * datasource and every service that reads policies accepts it.
 *
 * <p>Ordinal {@value #ORDINAL}: the file overrides the shipped defaults (100) and a service's
 * {@code application.properties} (250), and an environment variable (300) or system property (400)
 * still overrides one of its settings in an emergency. A missing or unreadable file, invalid YAML
 * or a key it may not set stops start-up with a message that names the file.
 */
public final class PolicyFileConfigSourceFactory implements ConfigSourceFactory {

    public static final String SETTING = "leadpact.sla.policy-file";
    public static final int ORDINAL = 275;

    private static final String PREFIX = "leadpact.sla.";
    private static final List<String> ALLOWED = List.of("policies.", "calendars.", "managers.", "sources.");
    private static final String DEFAULT_SOURCE = "default-source";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue file = context.getValue(SETTING);
        if (file == null || file.getValue() == null || file.getValue().isBlank()) {
            return List.of();
        }
        return List.of(read(Path.of(file.getValue().strip())));
    }

    private static ConfigSource read(Path file) {
        String name = SETTING + " " + file;
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(name + ": cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot be read: " + e, e);
        }
        Map<String, String> inFile;
        try {
            inFile = new TreeMap<>(new YamlConfigSource(name, yaml).getProperties());
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(
                    name + ": invalid YAML at line " + (e.getProblemMark().getLine() + 1) + ", column "
                            + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem(),
                    e);
        } catch (YAMLException e) {
            throw new IllegalArgumentException(name + ": invalid YAML: " + e.getMessage(), e);
        }
        if (inFile.isEmpty()) {
            throw new IllegalArgumentException(
                    name + ": sets nothing; expected a YAML mapping such as policies: default: first-contact: PT1H");
        }
        boolean fromTop = inFile.keySet().stream().anyMatch(k -> k.equals("leadpact") || k.startsWith("leadpact."));
        Map<String, String> settings = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        inFile.forEach((key, value) -> {
            String full = fromTop ? key : PREFIX + key;
            if (isPolicySetting(full)) {
                settings.put(full, value);
            } else {
                refused.add(key);
            }
        });
        if (!refused.isEmpty()) {
            throw new IllegalArgumentException(name + ": " + String.join(", ", refused)
                    + (refused.size() == 1 ? " is not a policy setting" : " are not policy settings")
                    + "; the file sets only leadpact.sla.policies, calendars, managers, sources and"
                    + " default-source (nested under leadpact: sla:, or from the top without them)");
        }
        return new YamlConfigSource(name, settings, ORDINAL);
    }

    private static boolean isPolicySetting(String key) {
        if (!key.startsWith(PREFIX)) {
            return false;
        }
        String rest = key.substring(PREFIX.length());
        return rest.equals(DEFAULT_SOURCE) || ALLOWED.stream().anyMatch(rest::startsWith);
    }
}
