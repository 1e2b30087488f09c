package dev.leadpact.policy;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The resolved policy of every source, segment and stage, how a conversion's source is chosen, and
 * the escalation managers.
 */
public final class PolicyBook {

    public static final String DEFAULT_SOURCE = "web";
    public static final int DEFAULT_VERSION = 1;
    public static final Stage DEFAULT_HANDOFF = Stage.SQL;
    public static final Duration DEFAULT_FIRST_CONTACT = Duration.ofHours(1);
    public static final int DEFAULT_ATTEMPTS = 6;
    public static final Duration DEFAULT_ATTEMPT_WINDOW = Duration.ofDays(10);
    public static final double DEFAULT_WARNING_AT = 0.8;
    public static final Duration DEFAULT_ESCALATION_DELAY = Duration.ofHours(1);
    public static final Duration DEFAULT_FEEDBACK = Duration.ofDays(30);

    private final Map<String, Map<Segment, Map<Stage, SlaPolicy>>> policies;
    private final Map<String, String> managers;
    private final String defaultSource;
    private final Map<String, String> sourceByForm;
    private final Map<String, String> sourceByChannel;

    /** Policies of one source ({@link #DEFAULT_SOURCE}), every conversion from it. */
    public PolicyBook(List<SlaPolicy> policies, Map<String, String> managers) {
        this(policies, managers, DEFAULT_SOURCE, Map.of(), Map.of());
    }

    /**
     * @param sourceByForm form id to source
     * @param sourceByChannel channel (lower case) to source
     */
    public PolicyBook(
            List<SlaPolicy> policies,
            Map<String, String> managers,
            String defaultSource,
            Map<String, String> sourceByForm,
            Map<String, String> sourceByChannel) {
        Map<String, Map<Segment, Map<Stage, SlaPolicy>>> bySource = new LinkedHashMap<>();
        for (SlaPolicy policy : policies) {
            bySource.computeIfAbsent(policy.source(), s -> new EnumMap<>(Segment.class))
                    .computeIfAbsent(policy.segment(), s -> new EnumMap<>(Stage.class))
                    .put(policy.stage(), policy);
        }
        Set<String> sources = new TreeSet<>(sourceByForm.values());
        sources.addAll(sourceByChannel.values());
        sources.add(defaultSource);
        for (String source : sources) {
            for (Segment segment : Segment.values()) {
                for (Stage stage : Stage.values()) {
                    if (!bySource.getOrDefault(source, Map.of())
                            .getOrDefault(segment, Map.of())
                            .containsKey(stage)) {
                        throw new IllegalArgumentException("no policy for " + SlaPolicy.idOf(source, segment, stage));
                    }
                }
            }
        }
        this.policies = bySource;
        this.managers = Map.copyOf(managers);
        this.defaultSource = defaultSource;
        this.sourceByForm = Map.copyOf(sourceByForm);
        this.sourceByChannel = Map.copyOf(sourceByChannel);
    }

    /** Every segment and stage with one calendar and the built-in defaults. */
    public static PolicyBook defaults(BusinessCalendar calendar) {
        List<SlaPolicy> all = new ArrayList<>();
        for (Segment segment : Segment.values()) {
            for (Stage stage : Stage.values()) {
                all.add(new SlaPolicy(
                        SlaPolicy.idOf(DEFAULT_SOURCE, segment, stage),
                        DEFAULT_VERSION,
                        DEFAULT_SOURCE,
                        segment,
                        stage,
                        DEFAULT_HANDOFF,
                        DEFAULT_FIRST_CONTACT,
                        DEFAULT_ATTEMPTS,
                        DEFAULT_ATTEMPT_WINDOW,
                        DEFAULT_WARNING_AT,
                        DEFAULT_ESCALATION_DELAY,
                        DEFAULT_FEEDBACK,
                        calendar,
                        PolicyReach.NEW_EPISODES));
            }
        }
        return new PolicyBook(all, Map.of());
    }

    /**
     * Resolves configuration. For a lead of source {@code s}: the source's segment-stage, segment
     * and default keys, then those of {@code leadpact.sla.policies}, then the built-in defaults.
     */
    public static PolicyBook from(SlaSettings settings) {
        Map<String, BusinessCalendar> calendars = new HashMap<>();
        calendars.put(BusinessCalendar.ALWAYS_OPEN_NAME, BusinessCalendar.alwaysOpen());
        settings.calendars()
                .forEach((name, c) -> calendars.put(
                        name,
                        BusinessCalendar.of(
                                name,
                                ZoneId.of(c.zone()),
                                new HashSet<>(c.workingDays()),
                                c.opens(),
                                c.closes(),
                                new HashSet<>(c.holidays().orElse(List.of())))));
        String defaultSource = sourceName(settings.defaultSource(), "leadpact.sla.default-source");
        Map<String, String> byForm = new HashMap<>();
        Map<String, String> byChannel = new HashMap<>();
        settings.sources().forEach((name, source) -> {
            String checked = sourceName(name, "leadpact.sla.sources." + name);
            source.forms().orElse(List.of()).forEach(form -> claim(byForm, form.strip(), checked, "form"));
            source.channels()
                    .orElse(List.of())
                    .forEach(channel -> claim(byChannel, channel.strip().toLowerCase(Locale.ROOT), checked, "channel"));
        });
        Set<String> sources = new TreeSet<>(settings.sources().keySet());
        sources.add(defaultSource);
        List<SlaPolicy> all = new ArrayList<>();
        for (String source : sources) {
            SlaSettings.SourceSettings own = settings.sources().get(source);
            for (Segment segment : Segment.values()) {
                for (Stage stage : Stage.values()) {
                    all.add(resolve(settings, own, calendars, source, segment, stage));
                }
            }
        }
        return new PolicyBook(all, settings.managers(), defaultSource, byForm, byChannel);
    }

    private static SlaPolicy resolve(
            SlaSettings settings,
            SlaSettings.SourceSettings own,
            Map<String, BusinessCalendar> calendars,
            String source,
            Segment segment,
            Stage stage) {
        String id = SlaPolicy.idOf(source, segment, stage);
        List<String> keys =
                List.of(SlaPolicy.keyOf(segment, stage), segment.name().toLowerCase(Locale.ROOT), "default");
        List<SlaSettings.PolicySettings> chain = new ArrayList<>();
        if (own != null) {
            keys.stream().map(own.policies()::get).filter(s -> s != null).forEach(chain::add);
        }
        keys.stream().map(settings.policies()::get).filter(s -> s != null).forEach(chain::add);
        String calendarName =
                first(chain, SlaSettings.PolicySettings::calendar).orElse(BusinessCalendar.ALWAYS_OPEN_NAME);
        BusinessCalendar calendar = calendars.get(calendarName);
        if (calendar == null) {
            throw new IllegalArgumentException("policy " + id + " names unknown calendar " + calendarName);
        }
        double warningAt = chain.stream()
                .filter(s -> s.warningAt().isPresent())
                .mapToDouble(s -> s.warningAt().getAsDouble())
                .findFirst()
                .orElse(DEFAULT_WARNING_AT);
        if (warningAt <= 0 || warningAt >= 1) {
            throw new IllegalArgumentException("policy " + id + ": warning-at must be between 0 and 1");
        }
        return new SlaPolicy(
                id,
                firstInt(chain, SlaSettings.PolicySettings::version, DEFAULT_VERSION),
                source,
                segment,
                stage,
                first(chain, SlaSettings.PolicySettings::handoffStage).orElse(DEFAULT_HANDOFF),
                first(chain, SlaSettings.PolicySettings::firstContact).orElse(DEFAULT_FIRST_CONTACT),
                firstInt(chain, SlaSettings.PolicySettings::attemptsRequired, DEFAULT_ATTEMPTS),
                first(chain, SlaSettings.PolicySettings::attemptWindow).orElse(DEFAULT_ATTEMPT_WINDOW),
                warningAt,
                first(chain, SlaSettings.PolicySettings::escalationDelay).orElse(DEFAULT_ESCALATION_DELAY),
                first(chain, SlaSettings.PolicySettings::feedbackDeadline).orElse(DEFAULT_FEEDBACK),
                calendar,
                first(chain, SlaSettings.PolicySettings::appliesTo).orElse(PolicyReach.NEW_EPISODES));
    }

    /** Source names go into policy ids and configuration keys: lower-case letters, digits, dashes. */
    private static String sourceName(String name, String setting) {
        if (!name.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException(
                    setting + ": a source is named with lower-case letters, digits and dashes (at most 32), not '"
                            + name + "'");
        }
        return name;
    }

    private static void claim(Map<String, String> owners, String value, String source, String what) {
        String before = owners.putIfAbsent(value, source);
        if (before != null && !before.equals(source)) {
            throw new IllegalArgumentException(
                    what + " '" + value + "' is named by two sources, " + before + " and " + source);
        }
    }

    private static <T> Optional<T> first(
            List<SlaSettings.PolicySettings> chain, Function<SlaSettings.PolicySettings, Optional<T>> getter) {
        return chain.stream().map(getter).flatMap(Optional::stream).findFirst();
    }

    private static int firstInt(
            List<SlaSettings.PolicySettings> chain,
            Function<SlaSettings.PolicySettings, java.util.OptionalInt> getter,
            int fallback) {
        return chain.stream()
                .map(getter)
                .filter(java.util.OptionalInt::isPresent)
                .mapToInt(java.util.OptionalInt::getAsInt)
                .findFirst()
                .orElse(fallback);
    }

    /** The policy of a lead from the default source. */
    public SlaPolicy of(Segment segment, Stage stage) {
        return of(defaultSource, segment, stage);
    }

    /** The policy of a source; a source this book does not know (no longer configured) gets the default one's. */
    public SlaPolicy of(String source, Segment segment, Stage stage) {
        Map<Segment, Map<Stage, SlaPolicy>> bySegment = source == null ? null : policies.get(source);
        if (bySegment == null) {
            bySegment = policies.get(defaultSource);
        }
        return bySegment.get(segment).get(stage);
    }

    /**
     * The source of a conversion: the source naming its form, else the one naming its channel,
     * else the default source.
     */
    public String sourceOf(String channel, String formId) {
        if (formId != null && sourceByForm.containsKey(formId.strip())) {
            return sourceByForm.get(formId.strip());
        }
        if (channel != null) {
            String bySource = sourceByChannel.get(channel.strip().toLowerCase(Locale.ROOT));
            if (bySource != null) {
                return bySource;
            }
        }
        return defaultSource;
    }

    public String defaultSource() {
        return defaultSource;
    }

    public List<SlaPolicy> all() {
        List<SlaPolicy> all = new ArrayList<>();
        policies.values().forEach(bySegment -> bySegment.values().forEach(byStage -> all.addAll(byStage.values())));
        return all;
    }

    /** The manager configured for an owner, if any. */
    public Optional<String> managerOf(String ownerId) {
        return ownerId == null ? Optional.empty() : Optional.ofNullable(managers.get(ownerId));
    }
}
