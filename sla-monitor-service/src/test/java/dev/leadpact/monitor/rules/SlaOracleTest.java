package dev.leadpact.monitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.BusinessCalendar;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.PolicyReach;
import dev.leadpact.policy.SlaPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Random event logs (conversions with stage rises, attempts with outcomes, status changes, owner
 * changes, deals; duplicates, late and out-of-order arrivals) through the engine as the service
 * drives it, compared with what {@link BruteForceOracle} computes from the same log. Seeded: a
 * failure names its seed and replays.
 */
class SlaOracleTest {

    private static final int LOGS = 400;
    private static final Instant ORIGIN = Instant.parse("2026-03-23T07:00:00Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final Set<LocalDate> HOLIDAYS = Set.of(LocalDate.parse("2026-03-27"), LocalDate.parse("2026-04-06"));

    @Test
    void alwaysOpenPoliciesAgreeWithTheBruteForceOracle() {
        BusinessCalendar calendar = BusinessCalendar.alwaysOpen();
        PolicyBook book = book(calendar, Duration.ofMinutes(30), Duration.ofHours(6), Duration.ofHours(12));
        var minutes =
                new BruteForceOracle.MinuteCalendar(true, BERLIN, WEEKDAYS, LocalTime.MIN, LocalTime.MAX, Set.of());
        compare(book, minutes, 1_000L, Duration.ofHours(16));
    }

    @Test
    void businessHourPoliciesAcrossWeekendsHolidaysAndDstAgreeWithTheBruteForceOracle() {
        BusinessCalendar calendar =
                BusinessCalendar.of("berlin", BERLIN, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0), HOLIDAYS);
        PolicyBook book = book(calendar, Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(2));
        var minutes = new BruteForceOracle.MinuteCalendar(
                false, BERLIN, WEEKDAYS, LocalTime.of(9, 0), LocalTime.of(18, 0), HOLIDAYS);
        compare(book, minutes, 2_000L, Duration.ofDays(3));
    }

    /**
     * Small companies are handed over at MQL, the others at SQL; three attempts required; short
     * deadlines so that every rule fires within a log.
     */
    private static PolicyBook book(
            BusinessCalendar calendar, Duration firstContact, Duration window, Duration feedback) {
        List<SlaPolicy> policies = new ArrayList<>();
        for (Segment segment : Segment.values()) {
            for (Stage stage : Stage.values()) {
                policies.add(new SlaPolicy(
                        SlaPolicy.idOf(PolicyBook.DEFAULT_SOURCE, segment, stage),
                        3,
                        PolicyBook.DEFAULT_SOURCE,
                        segment,
                        stage,
                        segment == Segment.SMALL ? Stage.MQL : Stage.SQL,
                        firstContact,
                        3,
                        window,
                        0.8,
                        Duration.ofMinutes(20),
                        feedback,
                        calendar,
                        PolicyReach.NEW_EPISODES));
            }
        }
        return new PolicyBook(policies, Map.of("rep-b", "mgr-b"));
    }

    private static void compare(
            PolicyBook book, BruteForceOracle.MinuteCalendar minutes, long seedBase, Duration spread) {
        int withEvents = 0;
        int total = 0;
        int simulatedBreaches = 0;
        for (int i = 0; i < LOGS; i++) {
            long seed = seedBase + i;
            List<BruteForceOracle.Simulated> log = randomLog(new Random(seed), spread);
            Instant horizon = ORIGIN.plus(Duration.ofDays(12));

            Simulation sim = new Simulation(new SlaEngine(book));
            for (BruteForceOracle.Simulated s : log) {
                sim.deliver(s.arrival(), s.event());
            }
            sim.advanceTo(horizon);

            List<SlaEvent> expected = new ArrayList<>();
            for (String lead : List.of("lead-a", "lead-b")) {
                List<BruteForceOracle.Simulated> ofLead = log.stream()
                        .filter(s -> s.event().leadId().equals(lead))
                        .collect(Collectors.toList());
                expected.addAll(new BruteForceOracle(book, minutes).run(ofLead, horizon));
            }
            assertThat(sorted(sim.emitted)).as("seed %d, log %s", seed, log).isEqualTo(sorted(expected));
            // A what-if of the same policies over the stored facts: breach for breach what was emitted
            Set<String> retracted = sim.emitted.stream()
                    .filter(e -> e.kind() == SlaEventKind.RETRACTION)
                    .map(SlaEvent::breachId)
                    .collect(Collectors.toSet());
            Set<String> emittedBreaches = sim.emitted.stream()
                    .filter(e -> e.kind() == SlaEventKind.BREACH && !retracted.contains(e.breachId()))
                    .map(SlaEvent::breachId)
                    .collect(Collectors.toSet());
            Set<String> simulated = new HashSet<>();
            for (String lead : List.of("lead-a", "lead-b")) {
                sim.engine.verdicts(sim.load(lead), Instant.MIN, Instant.MAX, horizon).stream()
                        .filter(v -> v.status() == Verdict.Status.BREACHED)
                        .forEach(v -> simulated.add(v.breachId()));
            }
            assertThat(simulated).as("what-if, seed %d, log %s", seed, log).isEqualTo(emittedBreaches);
            simulatedBreaches += simulated.size();
            total += expected.size();
            withEvents += expected.isEmpty() ? 0 : 1;
        }
        // Guard against a generator that exercises nothing.
        assertThat(withEvents).isGreaterThan(LOGS / 2);
        assertThat(total).isGreaterThan(LOGS);
        assertThat(simulatedBreaches).isGreaterThan(LOGS / 4);
    }

    private static List<SlaEvent> sorted(List<SlaEvent> events) {
        List<SlaEvent> copy = new ArrayList<>(events);
        copy.sort(Comparator.comparing(SlaEvent::eventId));
        return copy;
    }

    private static List<BruteForceOracle.Simulated> randomLog(Random r, Duration spread) {
        List<BruteForceOracle.Simulated> log = new ArrayList<>();
        int n = 0;
        for (String lead : List.of("lead-a", "lead-b")) {
            Segment segment = Segment.values()[r.nextInt(3)];
            int conversions = 1 + r.nextInt(3);
            for (int i = 0; i < conversions; i++) {
                Stage stage = Stage.values()[r.nextInt(3)];
                add(log, r, Events.conversion(lead + "-c" + n++, lead, at(r, spread), stage, segment));
            }
            int attempts = r.nextInt(7);
            for (int i = 0; i < attempts; i++) {
                AttemptOutcome outcome = r.nextInt(8) == 0
                        ? AttemptOutcome.CONNECTED
                        : AttemptOutcome.values()[r.nextInt(AttemptOutcome.values().length)];
                add(log, r, Events.attempt(lead + "-a" + n++, lead, at(r, spread), outcome));
            }
            if (r.nextInt(3) == 0) {
                LeadStatus status = LeadStatus.values()[r.nextInt(LeadStatus.values().length)];
                add(log, r, Events.status(lead + "-s" + n++, lead, at(r, spread), status));
            }
            if (r.nextInt(4) == 0) {
                add(log, r, Events.deal(lead + "-d" + n++, lead, at(r, spread), DealOutcome.values()[r.nextInt(2)]));
            }
            if (r.nextBoolean()) {
                String rep = r.nextBoolean() ? "rep-a" : "rep-b";
                add(
                        log,
                        r,
                        Events.owner(lead + "-o" + n++, lead, at(r, spread), rep, r.nextBoolean() ? "mgr-x" : null));
            }
        }
        log.sort(Comparator.comparing(BruteForceOracle.Simulated::arrival)
                .thenComparing(s -> s.event().eventId()));
        return log;
    }

    /** Delivered once, mostly on time; sometimes late (out of order), sometimes twice. */
    private static void add(List<BruteForceOracle.Simulated> log, Random r, LeadEvent event) {
        log.add(new BruteForceOracle.Simulated(arrival(r, event.occurredAt()), event));
        if (r.nextInt(6) == 0) {
            log.add(new BruteForceOracle.Simulated(
                    arrival(r, event.occurredAt()).plusSeconds(60), event));
        }
    }

    private static Instant arrival(Random r, Instant occurredAt) {
        int kind = r.nextInt(10);
        if (kind < 6) {
            return occurredAt;
        }
        return occurredAt.plus(Duration.ofMinutes(1 + r.nextInt(kind < 9 ? 90 : 24 * 60)));
    }

    private static Instant at(Random r, Duration spread) {
        return ORIGIN.plus(Duration.ofMinutes(r.nextInt((int) spread.toMinutes())));
    }
}
