package dev.leadpact.monitor.whatif;

import dev.leadpact.monitor.commitment.CommitmentSettings;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaSettings;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A proposal: the service's own configuration (every source, profile and default, as it runs) with
 * the proposed {@code leadpact.sla.*} settings on top, resolved as at start-up. A proposed key
 * overrides only itself: {@code policies.default.first-contact} still yields to a configured
 * {@code policies.large-sql.first-contact}.
 */
final class ProposedPolicies {
    static final String PREFIX = "leadpact.sla.";
    private static final List<String> KEYS = List.of("policies.", "calendars.", "sources.", "default-source");

    private ProposedPolicies() {}

    /** Proposed keys with their {@code leadpact.sla.} prefix; without it they get it. */
    private static final Pattern UNCONVERTIBLE =
            Pattern.compile("config property (?:%[^.]+\\.)?(\\S+) with the config value \"(.*?)\"");

    static Map<String, String> normalise(Map<String, String> proposal) {
        Map<String, String> out = new LinkedHashMap<>();
        proposal.forEach((key, value) -> {
            String bare = key == null ? "" : key.strip();
            String full = bare.startsWith(PREFIX) ? bare : PREFIX + bare;
            String rest = full.substring(PREFIX.length());
            if (KEYS.stream().noneMatch(rest::startsWith)) {
                throw new IllegalArgumentException("'" + key + "' is not a policy setting: a proposal sets keys of "
                        + "leadpact.sla.policies.*, leadpact.sla.calendars.*, leadpact.sla.sources.* or "
                        + "leadpact.sla.default-source");
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("'" + key + "' has no value");
            }
            out.put(full, value.strip());
        });
        return out;
    }

    /**
     * @throws IllegalArgumentException when the proposal does not make valid policies (unknown
     *     key, bad value, unknown calendar): the message says which
     */
    static PolicyBook resolve(Map<String, String> normalised) {
        SmallRyeConfig running = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                // the commitment's settings share the prefix; unknown keys under it are refused
                .withProfiles(running.getProfiles())
                .withMapping(SlaSettings.class)
                .withMapping(CommitmentSettings.class);
        for (ConfigSource source : running.getConfigSources()) {
            builder.withSources(source);
        }
        // a profile's key (%prod.k) wins over a plain one whatever the sources' order: propose both
        Map<String, String> proposed = new LinkedHashMap<>(normalised);
        normalised.forEach(
                (key, value) -> running.getProfiles().forEach(p -> proposed.put("%" + p + "." + key, value)));
        builder.withSources(new PropertiesConfigSource(proposed, "what-if proposal", Integer.MAX_VALUE));
        try {
            return PolicyBook.from(builder.build().getConfigMapping(SlaSettings.class));
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (ConfigValidationException e) {
            List<String> problems = new ArrayList<>();
            for (int i = 0; i < e.getProblemCount(); i++) {
                problems.add(readable(e.getProblem(i).getMessage()));
            }
            throw new IllegalArgumentException(
                    "the proposal is not a valid policy set: " + String.join("; ", problems), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the proposal is not a valid policy set: " + e.getMessage(), e);
        }
    }

    /** SmallRye's "SRCFG00039: The config property %prod.k with the config value "v" threw …" as "k: "v" …". */
    private static String readable(String problem) {
        Matcher m = UNCONVERTIBLE.matcher(problem);
        return m.find()
                ? m.group(1) + ": \"" + m.group(2) + "\" is not a valid value (durations are ISO-8601 such as PT2H,"
                        + " counts whole numbers)"
                : problem;
    }
}
