package dev.leadpact.monitor.commitment;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaSettings;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Marketing's commitment as configured (see {@link CommitmentSettings}), resolved once at start-up:
 * a bad setting stops the service from starting.
 */
public final class MarketingCommitment {
    static final String TEAM = "team:";
    static final String SEGMENT = "segment:";

    /**
     * One scope of the commitment.
     *
     * @param key {@code team:<team>} or {@code segment:<SEGMENT>}, the {@code scope} (and Kafka key) of its events
     * @param team the team, for a team scope
     * @param segment the segment, for a segment scope
     * @param reps the configured reps: the fewest the scope has
     */
    public record Scope(String key, String team, Segment segment, OptionalInt reps, int perRep) {

        /** Whether the lead counts for this scope: its team's, or its segment's. */
        public boolean delivers(QualifiedLead lead) {
            return team != null ? team.equals(lead.team()) : segment == lead.segment();
        }
    }

    private final int perRep;
    private final Stage qualifyingStage;
    private final CheckpointSchedule schedule;
    private final Duration disqualificationWindow;
    private final Duration rosterWindow;
    private final CheckpointCounter counter;
    private final boolean discoverTeams;
    private final Map<String, Scope> configured = new TreeMap<>();
    private final String policyId;
    private final int version;

    public MarketingCommitment(CommitmentSettings settings, SlaSettings sla) {
        this.perRep = nonNegative(settings.qualifiedLeadsPerRepPerMonth(), "qualified-leads-per-rep-per-month");
        Optional<SlaSettings.PolicySettings> defaults =
                Optional.ofNullable(sla.policies().get("default"));
        this.qualifyingStage = settings.qualifyingStage()
                .or(() -> defaults.flatMap(SlaSettings.PolicySettings::handoffStage))
                .orElse(PolicyBook.DEFAULT_HANDOFF);
        ZoneId zone = settings.zone().map(ZoneId::of).orElseGet(() -> defaults.flatMap(
                        SlaSettings.PolicySettings::calendar)
                .map(name -> sla.calendars().get(name))
                .map(c -> ZoneId.of(c.zone()))
                .orElse(ZoneOffset.UTC));
        this.schedule = new CheckpointSchedule(zone, settings.checkpoints());
        this.disqualificationWindow = settings.disqualificationWindow();
        this.rosterWindow = settings.rosterWindow();
        this.counter = new CheckpointCounter(schedule, rosterWindow, disqualificationWindow);
        this.discoverTeams = settings.discoverTeams();
        settings.teams().forEach((team, s) -> add(TEAM + team, team, null, s));
        settings.segments().forEach((name, s) -> {
            Segment segment;
            try {
                segment = Segment.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "leadpact.sla.commitment.segments." + name + ": not a segment (SMALL, MID, LARGE)");
            }
            add(SEGMENT + segment.name(), null, segment, s);
        });
        this.policyId = settings.policyId();
        this.version = settings.version();
    }

    private void add(String key, String team, Segment segment, CommitmentSettings.ScopeSettings s) {
        s.reps().ifPresent(r -> nonNegative(r, key + " reps"));
        int scopePerRep = s.qualifiedLeadsPerRepPerMonth().orElse(perRep);
        configured.put(key, new Scope(key, team, segment, s.reps(), nonNegative(scopePerRep, key + " per rep")));
    }

    private static int nonNegative(int value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException("marketing commitment: " + what + " must not be negative");
        }
        return value;
    }

    /** A scope by key: as configured, or a discovered team with the defaults. */
    public Optional<Scope> scope(String key) {
        Scope scope = configured.get(key);
        if (scope != null) {
            return Optional.of(scope);
        }
        if (discoverTeams && key.startsWith(TEAM)) {
            return Optional.of(new Scope(key, key.substring(TEAM.length()), null, OptionalInt.empty(), perRep));
        }
        return Optional.empty();
    }

    public boolean isConfigured(String key) {
        return configured.containsKey(key);
    }

    public Iterable<Scope> configuredScopes() {
        return configured.values();
    }

    public static String teamScope(String team) {
        return TEAM + team;
    }

    public static String segmentScope(Segment segment) {
        return SEGMENT + segment.name();
    }

    public Stage qualifyingStage() {
        return qualifyingStage;
    }

    public CheckpointSchedule schedule() {
        return schedule;
    }

    public Duration disqualificationWindow() {
        return disqualificationWindow;
    }

    public Duration rosterWindow() {
        return rosterWindow;
    }

    /** The counting rules of this commitment's checkpoints. */
    public CheckpointCounter counter() {
        return counter;
    }

    public boolean discoverTeams() {
        return discoverTeams;
    }

    public String policyId() {
        return policyId;
    }

    public int version() {
        return version;
    }
}
