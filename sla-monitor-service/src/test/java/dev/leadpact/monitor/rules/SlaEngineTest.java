package dev.leadpact.monitor.rules;

import static dev.leadpact.monitor.rules.Events.attempt;
import static dev.leadpact.monitor.rules.Events.conversion;
import static dev.leadpact.monitor.rules.Events.deal;
import static dev.leadpact.monitor.rules.Events.owner;
import static dev.leadpact.monitor.rules.Events.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.BusinessCalendar;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SlaEngineTest {

    private static final String LEAD = "lead-1";
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final Simulation sim = new Simulation(new SlaEngine(PolicyBook.defaults(BusinessCalendar.alwaysOpen())));

    private static Instant t(String offset) {
        return T0.plus(Duration.parse(offset));
    }

    private static List<String> kinds(List<SlaEvent> events) {
        return events.stream().map(e -> e.rule() + ":" + e.kind()).collect(Collectors.toList());
    }

    @Test
    void firstContactWarnsThenBreachesThenEscalates() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));

        List<SlaEvent> warning = sim.advanceTo(t("PT50M"));
        assertThat(kinds(warning)).containsExactly("FIRST_CONTACT_OVERDUE:WARNING");
        assertThat(warning.get(0).detectedAt()).isEqualTo(t("PT48M"));

        List<SlaEvent> breach = sim.advanceTo(t("PT1H30M"));
        assertThat(kinds(breach)).containsExactly("FIRST_CONTACT_OVERDUE:BREACH");
        SlaEvent b = breach.get(0);
        assertThat(b.dueAt()).isEqualTo(t("PT1H"));
        assertThat(b.breachId()).isEqualTo(SlaIds.breachId(LEAD, SlaRule.FIRST_CONTACT_OVERDUE, t("PT1H")));
        assertThat(b.eventId()).isEqualTo(SlaIds.eventId(b.breachId(), SlaEventKind.BREACH));
        assertThat(b.policyId()).isEqualTo("web/mid-sql");
        assertThat(b.policyVersion()).isEqualTo(1);
        assertThat(b.segment()).isEqualTo(Segment.MID);
        assertThat(b.stage()).isEqualTo(Stage.SQL);

        List<SlaEvent> escalation = sim.advanceTo(t("PT3H"));
        assertThat(kinds(escalation)).containsExactly("FIRST_CONTACT_OVERDUE:ESCALATION");
        assertThat(escalation.get(0).detectedAt()).isEqualTo(t("PT2H"));
        assertThat(escalation.get(0).lateBySeconds()).isEqualTo(3600);
    }

    @Test
    void anAttemptBeforeTheDeadlinePreventsTheBreach() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));
        sim.deliver(t("PT30M"), attempt("a1", LEAD, t("PT30M"), AttemptOutcome.NO_ANSWER));
        assertThat(kinds(sim.advanceTo(t("PT5H")))).isEmpty();
    }

    @Test
    void aLateArrivingEarlierAttemptRetractsTheBreach() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));
        sim.advanceTo(t("PT1H10M"));
        List<SlaEvent> late = sim.deliver(t("PT1H20M"), attempt("a1", LEAD, t("PT55M"), AttemptOutcome.VOICEMAIL));
        assertThat(kinds(late)).containsExactly("FIRST_CONTACT_OVERDUE:RETRACTION");
        assertThat(late.get(0).breachId()).isEqualTo(SlaIds.breachId(LEAD, SlaRule.FIRST_CONTACT_OVERDUE, t("PT1H")));
        assertThat(kinds(sim.advanceTo(t("PT5H"))))
                .as("no escalation after a retraction")
                .isEmpty();
    }

    @Test
    void aLateFirstContactResolvesTheBreachWithTheRealResponseTime() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));
        sim.deliver(t("PT1H20M"), owner("o1", LEAD, t("PT1H"), "rep-jane", "boss"));
        List<SlaEvent> resolved =
                sim.deliver(t("PT1H25M"), attempt("a1", LEAD, t("PT1H20M"), AttemptOutcome.CONNECTED));
        assertThat(kinds(resolved)).containsExactly("FIRST_CONTACT_OVERDUE:RESOLUTION");
        assertThat(resolved.get(0).responseTimeSeconds()).isEqualTo(4800);
        assertThat(resolved.get(0).lateBySeconds()).isEqualTo(1200);
        assertThat(resolved.get(0).ownerId()).isEqualTo("rep-jane");
        assertThat(kinds(sim.advanceTo(t("PT5H"))))
                .as("resolved: no escalation")
                .isEmpty();
    }

    @Test
    void givingUpWithTooFewAttemptsBreachesAtOnce() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.SMALL));
        sim.deliver(t("PT10M"), attempt("a1", LEAD, t("PT10M"), AttemptOutcome.NO_ANSWER));
        sim.deliver(t("PT20M"), attempt("a2", LEAD, t("PT20M"), AttemptOutcome.BAD_NUMBER));
        List<SlaEvent> out = sim.deliver(t("PT30M"), status("s1", LEAD, t("PT30M"), LeadStatus.UNREACHABLE));
        assertThat(kinds(out)).containsExactly("ATTEMPT_MINIMUM_MISSED:BREACH");
        assertThat(out.get(0).attemptsMade()).isEqualTo(2);
        assertThat(out.get(0).attemptsRequired()).isEqualTo(6);
        assertThat(out.get(0).dueAt()).isEqualTo(t("PT30M"));
    }

    @Test
    void aConnectedCallSatisfiesTheAttemptMinimum() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.SMALL));
        sim.deliver(t("PT10M"), attempt("a1", LEAD, t("PT10M"), AttemptOutcome.CONNECTED));
        assertThat(kinds(sim.deliver(t("PT30M"), status("s1", LEAD, t("PT30M"), LeadStatus.DISQUALIFIED))))
                .isEmpty();
        assertThat(kinds(sim.advanceTo(t("P40D")))).isEmpty();
    }

    @Test
    void theAttemptWindowEndsWithTooFewAttempts() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.LARGE));
        sim.deliver(t("PT10M"), attempt("a1", LEAD, t("PT10M"), AttemptOutcome.NO_ANSWER));
        sim.deliver(t("P1D"), deal("d0", "other-lead", t("P1D"), DealOutcome.LOST));
        List<SlaEvent> out = sim.advanceTo(t("P11D"));
        assertThat(kinds(out))
                .containsExactly(
                        "ATTEMPT_MINIMUM_MISSED:WARNING",
                        "ATTEMPT_MINIMUM_MISSED:BREACH",
                        "ATTEMPT_MINIMUM_MISSED:ESCALATION");
        assertThat(out.get(1).dueAt()).isEqualTo(t("P10D"));
        assertThat(out.get(1).attemptsMade()).isEqualTo(1);
    }

    @Test
    void contactingALeadBelowTheHandoffStageIsPremature() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.IQL, Segment.MID));
        List<SlaEvent> out = sim.deliver(t("PT5M"), attempt("a1", LEAD, t("PT5M"), AttemptOutcome.NO_ANSWER));
        assertThat(kinds(out)).containsExactly("PREMATURE_CONTACT:BREACH");
        assertThat(out.get(0).stage()).isEqualTo(Stage.IQL);
        assertThat(out.get(0).policyId()).isEqualTo("web/mid-iql");
        // The lead had in fact become an SQL before the call: the conversion arrived late.
        List<SlaEvent> late = sim.deliver(t("PT6M"), conversion("c2", LEAD, t("PT1M"), Stage.SQL, Segment.MID));
        assertThat(kinds(late)).containsExactly("PREMATURE_CONTACT:RETRACTION");
    }

    @Test
    void feedbackIsDueThirtyDaysAfterTheLeadBecameAnSql() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));
        for (int i = 1; i <= 6; i++) {
            sim.deliver(t("PT" + i + "M"), attempt("a" + i, LEAD, t("PT" + i + "M"), AttemptOutcome.NO_ANSWER));
        }
        List<SlaEvent> out = sim.advanceTo(t("P31D"));
        assertThat(kinds(out))
                .containsExactly("FEEDBACK_OVERDUE:WARNING", "FEEDBACK_OVERDUE:BREACH", "FEEDBACK_OVERDUE:ESCALATION");
        assertThat(out.get(1).dueAt()).isEqualTo(t("P30D"));
    }

    @Test
    void aClosedDealEndsAllClocks() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));
        sim.deliver(t("PT10M"), deal("d1", LEAD, t("PT10M"), DealOutcome.WON));
        assertThat(kinds(sim.advanceTo(t("P60D")))).isEmpty();
        assertThat(sim.timers).isEmpty();
    }

    @Test
    void aStageRiseRestartsTheClock() {
        // Handoff at MQL for this book: the MQL clock runs, then the SQL rise restarts it.
        PolicyBook defaults = PolicyBook.defaults(BusinessCalendar.alwaysOpen());
        List<SlaPolicy> policies = new ArrayList<>();
        for (SlaPolicy p : defaults.all()) {
            policies.add(new SlaPolicy(
                    p.id(),
                    2,
                    p.source(),
                    p.segment(),
                    p.stage(),
                    Stage.MQL,
                    p.firstContact(),
                    p.attemptsRequired(),
                    p.attemptWindow(),
                    p.warningAt(),
                    p.escalationDelay(),
                    p.feedbackDeadline(),
                    p.calendar(),
                    p.appliesTo()));
        }
        Simulation mqlHandoff = new Simulation(new SlaEngine(new PolicyBook(policies, Map.of())));
        mqlHandoff.deliver(T0, conversion("c1", LEAD, T0, Stage.MQL, Segment.MID));
        mqlHandoff.deliver(t("PT40M"), conversion("c2", LEAD, t("PT40M"), Stage.SQL, Segment.MID));
        List<SlaEvent> out = mqlHandoff.advanceTo(t("PT1H45M"));
        assertThat(kinds(out)).containsExactly("FIRST_CONTACT_OVERDUE:WARNING", "FIRST_CONTACT_OVERDUE:BREACH");
        assertThat(out.get(1).dueAt()).isEqualTo(t("PT1H40M"));
        assertThat(out.get(1).stage()).isEqualTo(Stage.SQL);
        assertThat(out.get(1).policyVersion()).isEqualTo(2);
        // A lower-stage conversion afterwards changes nothing: stages only rise.
        assertThat(kinds(mqlHandoff.deliver(t("PT2H"), conversion("c3", LEAD, t("PT2H"), Stage.IQL, Segment.MID))))
                .isEmpty();
    }

    @Test
    void theDefaultHandoffStartsTheClockOnlyAtSql() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.MQL, Segment.MID));
        assertThat(sim.advanceTo(t("PT5H"))).isEmpty();
        sim.deliver(t("PT5H"), conversion("c2", LEAD, t("PT5H"), Stage.SQL, Segment.MID));
        assertThat(kinds(sim.advanceTo(t("PT6H")))).contains("FIRST_CONTACT_OVERDUE:BREACH");
    }

    @Test
    void escalationNamesTheManagerFromTheOwnerEventOrConfiguration() {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));
        sim.deliver(t("PT1M"), owner("o1", LEAD, t("PT1M"), "rep-jane", "mgr-ann"));
        List<SlaEvent> out = sim.advanceTo(t("PT3H"));
        assertThat(out).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SlaEventKind.ESCALATION);
            assertThat(e.ownerId()).isEqualTo("rep-jane");
            assertThat(e.managerId()).isEqualTo("mgr-ann");
        });

        Simulation configured = new Simulation(new SlaEngine(new PolicyBook(
                PolicyBook.defaults(BusinessCalendar.alwaysOpen()).all(), Map.of("rep-joe", "mgr-max"))));
        configured.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));
        configured.deliver(t("PT1M"), owner("o1", LEAD, t("PT1M"), "rep-joe", null));
        assertThat(configured.advanceTo(t("PT3H")))
                .last()
                .extracting(SlaEvent::managerId)
                .isEqualTo("mgr-max");
    }

    @Test
    void aDuplicateChangesNothing() throws Exception {
        sim.deliver(T0, conversion("c1", LEAD, T0, Stage.SQL, Segment.MID));
        sim.deliver(t("PT2H"), attempt("a1", LEAD, t("PT30M"), AttemptOutcome.NO_ANSWER));
        String before = sim.stored.get(LEAD);
        assertThat(sim.deliver(t("PT2H1M"), attempt("a1", LEAD, t("PT30M"), AttemptOutcome.NO_ANSWER)))
                .isEmpty();
        assertThat(sim.deliver(t("PT2H2M"), conversion("c1", LEAD, T0, Stage.SQL, Segment.MID)))
                .isEmpty();
        assertThat(sim.stored.get(LEAD)).isEqualTo(before);
        assertThat(sim.emitted).extracting(SlaEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void anEventWithoutWhatTheRulesNeedIsRejected() {
        assertThatThrownBy(() -> sim.deliver(T0, conversion("c1", LEAD, T0, null, Segment.MID)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.deliver(T0, attempt("a1", LEAD, null, AttemptOutcome.NO_ANSWER)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
