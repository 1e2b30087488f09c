package dev.leadpact.policy;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The resolved policy of every segment and stage, plus the escalation managers. */
public final class PolicyBook {

    public static final int DEFAULT_VERSION = 1;
    public static final Stage DEFAULT_HANDOFF = Stage.SQL;
    public static final Duration DEFAULT_FIRST_CONTACT = Duration.ofHours(1);
    public static final int DEFAULT_ATTEMPTS = 6;
    public static final Duration DEFAULT_ATTEMPT_WINDOW = Duration.ofDays(10);
    public static final double DEFAULT_WARNING_AT = 0.8;
    public static final Duration DEFAULT_ESCALATION_DELAY = Duration.ofHours(1);
    public static final Duration DEFAULT_FEEDBACK = Duration.ofDays(30);

    private final Map<Segment, Map<Stage, SlaPolicy>> policies;
    private final Map<String, String> managers;

    public PolicyBook(List<SlaPolicy> policies, Map<String, String> managers) {
        Map<Segment, Map<Stage, SlaPolicy>> bySegment = new EnumMap<>(Segment.class);
        for (SlaPolicy policy : policies) {
            bySegment
                    .computeIfAbsent(policy.segment(), s -> new EnumMap<>(Stage.class))
                    .put(policy.stage(), policy);
        }
        for (Segment segment : Segment.values()) {
            for (Stage stage : Stage.values()) {
                if (!bySegment.getOrDefault(segment, Map.of()).containsKey(stage)) {
                    throw new IllegalArgumentException("no policy for " + SlaPolicy.idOf(segment, stage));
                }
            }
        }
        this.policies = bySegment;
        this.managers = Map.copyOf(managers);
    }

    /** Every segment and stage with one calendar and the built-in defaults. */
    public static PolicyBook defaults(BusinessCalendar calendar) {
        List<SlaPolicy> all = new ArrayList<>();
        for (Segment segment : Segment.values()) {
            for (Stage stage : Stage.values()) {
                all.add(new SlaPolicy(
                        SlaPolicy.idOf(segment, stage),
                        DEFAULT_VERSION,
                        segment,
                        stage,
                        DEFAULT_HANDOFF,
                        DEFAULT_FIRST_CONTACT,
                        DEFAULT_ATTEMPTS,
                        DEFAULT_ATTEMPT_WINDOW,
                        DEFAULT_WARNING_AT,
                        DEFAULT_ESCALATION_DELAY,
                        DEFAULT_FEEDBACK,
                        calendar));
            }
        }
        return new PolicyBook(all, Map.of());
    }

    /** Resolves configuration: segment-stage, then segment, then default, then built-in. */
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
        List<SlaPolicy> all = new ArrayList<>();
        for (Segment segment : Segment.values()) {
            for (Stage stage : Stage.values()) {
                String id = SlaPolicy.idOf(segment, stage);
                List<SlaSettings.PolicySettings> chain = new ArrayList<>();
                for (String key : List.of(id, segment.name().toLowerCase(Locale.ROOT), "default")) {
                    SlaSettings.PolicySettings s = settings.policies().get(key);
                    if (s != null) {
                        chain.add(s);
                    }
                }
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
                all.add(new SlaPolicy(
                        id,
                        firstInt(chain, SlaSettings.PolicySettings::version, DEFAULT_VERSION),
                        segment,
                        stage,
                        first(chain, SlaSettings.PolicySettings::handoffStage).orElse(DEFAULT_HANDOFF),
                        first(chain, SlaSettings.PolicySettings::firstContact).orElse(DEFAULT_FIRST_CONTACT),
                        firstInt(chain, SlaSettings.PolicySettings::attemptsRequired, DEFAULT_ATTEMPTS),
                        first(chain, SlaSettings.PolicySettings::attemptWindow).orElse(DEFAULT_ATTEMPT_WINDOW),
                        warningAt,
                        first(chain, SlaSettings.PolicySettings::escalationDelay)
                                .orElse(DEFAULT_ESCALATION_DELAY),
                        first(chain, SlaSettings.PolicySettings::feedbackDeadline)
                                .orElse(DEFAULT_FEEDBACK),
                        calendar));
            }
        }
        return new PolicyBook(all, settings.managers());
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

    public SlaPolicy of(Segment segment, Stage stage) {
        return policies.get(segment).get(stage);
    }

    public List<SlaPolicy> all() {
        List<SlaPolicy> all = new ArrayList<>();
        policies.values().forEach(byStage -> all.addAll(byStage.values()));
        return all;
    }

    /** The manager configured for an owner, if any. */
    public Optional<String> managerOf(String ownerId) {
        return ownerId == null ? Optional.empty() : Optional.ofNullable(managers.get(ownerId));
    }
}
