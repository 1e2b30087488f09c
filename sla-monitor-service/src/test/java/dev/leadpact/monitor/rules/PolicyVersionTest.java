package dev.leadpact.monitor.rules;

import static dev.leadpact.monitor.rules.Events.attempt;
import static dev.leadpact.monitor.rules.Events.conversion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.BusinessCalendar;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.PolicyReach;
import dev.leadpact.policy.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Which policy version governs a lead in flight: the one in force when its episode started, unless a
 * later version reaches open episodes and the monitor re-plans them; verdicts reached stay.
 */
class PolicyVersionTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Instant t(String offset) {
        return offset.startsWith("-") ? T0.minus(Duration.parse(offset.substring(1))) : T0.plus(Duration.parse(offset));
    }

    /** Every policy with this version, first-contact deadline, attempt minimum and reach; 24/7. */
    static PolicyBook book(int version, Duration firstContact, int attempts, PolicyReach reach) {
        List<SlaPolicy> policies = PolicyBook.defaults(BusinessCalendar.alwaysOpen()).all().stream()
                .map(p -> new SlaPolicy(
                        p.id(),
                        version,
                        p.source(),
                        p.segment(),
                        p.stage(),
                        p.handoffStage(),
                        firstContact,
                        attempts,
                        p.attemptWindow(),
                        p.warningAt(),
                        p.escalationDelay(),
                        p.feedbackDeadline(),
                        p.calendar(),
                        reach))
                .collect(Collectors.toList());
        return new PolicyBook(policies, Map.of());
    }

    private static final PolicyBook V1 = book(1, Duration.ofHours(1), 6, PolicyReach.NEW_EPISODES);

    private static List<SlaEvent> of(List<SlaEvent> events, String lead, SlaEventKind kind) {
        return events.stream()
                .filter(e -> e.leadId().equals(lead) && e.kind() == kind)
                .collect(Collectors.toList());
    }

    @Test
    void anEpisodeKeepsTheVersionInForceWhenItStartedAndANewEpisodeGetsTheNewOne() {
        Simulation before = new Simulation(new SlaEngine(PolicyVersions.of(V1, List.of())));
        before.deliver(T0, conversion("c1", "old", T0, Stage.SQL, Segment.MID));

        PolicyBook v2 = book(2, Duration.ofHours(2), 6, PolicyReach.NEW_EPISODES);
        Simulation after = before.restartWith(new SlaEngine(PolicyVersions.of(v2, V1.all())));
        after.deliver(t("PT10M"), conversion("c2", "new", t("PT10M"), Stage.SQL, Segment.MID));
        assertThat(after.replan(v2.of(Segment.MID, Stage.SQL)))
                .as("a version for new episodes moves nothing")
                .isZero();
        List<SlaEvent> fired = after.advanceTo(t("PT3H"));

        SlaEvent oldBreach = of(fired, "old", SlaEventKind.BREACH).get(0);
        assertThat(oldBreach.dueAt()).isEqualTo(t("PT1H"));
        assertThat(oldBreach.policyVersion()).isEqualTo(1);
        assertThat(oldBreach.policyId()).isEqualTo("web/mid-sql");
        SlaEvent newBreach = of(fired, "new", SlaEventKind.BREACH).get(0);
        assertThat(newBreach.dueAt()).isEqualTo(t("PT2H10M"));
        assertThat(newBreach.policyVersion()).isEqualTo(2);
        assertThat(of(fired, "old", SlaEventKind.RETRACTION)).isEmpty();
    }

    @Test
    void aVersionThatReachesOpenEpisodesMovesOnlyTheirUndecidedCommitments() {
        Simulation before = new Simulation(new SlaEngine(PolicyVersions.of(V1, List.of())));
        before.deliver(t("-PT2H"), conversion("b1", "breached", t("-PT2H"), Stage.SQL, Segment.MID));
        before.deliver(t("-PT1H50M"), conversion("m1", "met", t("-PT1H50M"), Stage.SQL, Segment.MID));
        before.deliver(t("-PT1H10M"), attempt("m2", "met", t("-PT1H10M"), AttemptOutcome.NO_ANSWER));
        before.deliver(T0, conversion("p1", "pending", T0, Stage.SQL, Segment.MID));
        before.advanceTo(t("PT5M"));
        assertThat(before.emitted.stream().map(e -> e.leadId() + ":" + e.rule() + ":" + e.kind()))
                .containsExactlyInAnyOrder(
                        "breached:FIRST_CONTACT_OVERDUE:WARNING",
                        "breached:FIRST_CONTACT_OVERDUE:BREACH",
                        "breached:FIRST_CONTACT_OVERDUE:ESCALATION");

        // a shorter deadline and a higher attempt minimum, for leads already in flight
        PolicyBook v2 = book(2, Duration.ofMinutes(30), 8, PolicyReach.OPEN_EPISODES);
        Simulation after = before.restartWith(new SlaEngine(PolicyVersions.of(v2, V1.all())));
        int moved = after.replan(v2.of(Segment.MID, Stage.SQL));
        // pending: first contact, attempt minimum and feedback; met and breached: attempt minimum and
        // feedback (their first contact is decided)
        assertThat(moved).isEqualTo(7);
        assertThat(after.timers.get("pending")).isEqualTo(t("PT24M")); // the warning at 80 % of 30 minutes
        assertThat(after.replan(v2.of(Segment.MID, Stage.SQL)))
                .as("a second re-plan moves nothing")
                .isZero();

        List<SlaEvent> fired = after.advanceTo(t("P11D"));
        SlaEvent moved1 = of(fired, "pending", SlaEventKind.BREACH).stream()
                .filter(e -> e.rule() == SlaRule.FIRST_CONTACT_OVERDUE)
                .findFirst()
                .orElseThrow();
        assertThat(moved1.dueAt()).isEqualTo(t("PT30M"));
        assertThat(moved1.detectedAt()).isEqualTo(t("PT30M"));
        assertThat(moved1.policyVersion()).isEqualTo(2);
        assertThat(fired).noneMatch(e -> e.kind() == SlaEventKind.RETRACTION);
        assertThat(fired).noneMatch(e -> e.leadId().equals("met") && e.rule() == SlaRule.FIRST_CONTACT_OVERDUE);
        assertThat(fired)
                .filteredOn(e -> e.rule() == SlaRule.ATTEMPT_MINIMUM_MISSED && e.kind() == SlaEventKind.BREACH)
                .extracting(SlaEvent::leadId, SlaEvent::attemptsRequired, SlaEvent::policyVersion)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("breached", 8, 2),
                        org.assertj.core.groups.Tuple.tuple("met", 8, 2),
                        org.assertj.core.groups.Tuple.tuple("pending", 8, 2));
        List<SlaEvent> all = new java.util.ArrayList<>(before.emitted);
        all.addAll(fired);
        assertThat(all.stream().map(SlaEvent::eventId).distinct().count())
                .as("each event once")
                .isEqualTo(all.size());
        assertThat(of(all, "breached", SlaEventKind.BREACH).stream()
                        .filter(e -> e.rule() == SlaRule.FIRST_CONTACT_OVERDUE)
                        .map(SlaEvent::policyVersion))
                .containsExactly(1);
    }

    @Test
    void aLeadsSourceComesFromItsConversionAndNamesThePolicy() {
        PolicyBook web = V1;
        List<SlaPolicy> both = new java.util.ArrayList<>(web.all());
        for (SlaPolicy p :
                book(1, Duration.ofHours(4), 6, PolicyReach.NEW_EPISODES).all()) {
            both.add(new SlaPolicy(
                    SlaPolicy.idOf("partner", p.segment(), p.stage()),
                    p.version(),
                    "partner",
                    p.segment(),
                    p.stage(),
                    p.handoffStage(),
                    p.firstContact(),
                    p.attemptsRequired(),
                    p.attemptWindow(),
                    p.warningAt(),
                    p.escalationDelay(),
                    p.feedbackDeadline(),
                    p.calendar(),
                    p.appliesTo()));
        }
        PolicyBook sources = new PolicyBook(both, Map.of(), "web", Map.of(), Map.of("partner", "partner"));
        Simulation sim = new Simulation(new SlaEngine(sources));
        sim.deliver(T0, conversion("w1", "from-web", T0, Stage.SQL, Segment.MID));
        sim.deliver(T0, Events.conversion("p1", "from-partner", T0, Stage.SQL, Segment.MID, "partner"));
        List<SlaEvent> fired = sim.advanceTo(t("PT5H"));
        assertThat(of(fired, "from-web", SlaEventKind.BREACH).get(0).policyId()).isEqualTo("web/mid-sql");
        SlaEvent partner = of(fired, "from-partner", SlaEventKind.BREACH).get(0);
        assertThat(partner.policyId()).isEqualTo("partner/mid-sql");
        assertThat(partner.dueAt()).isEqualTo(t("PT4H"));
    }
}
