package dev.leadpact.reporting.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.facts.Touchpoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Milestones derived from facts that arrived in any order. */
class LeadHistoryTest {

    private static Instant at(String time) {
        return Instant.parse("2026-11-10T" + time + ":00Z");
    }

    private static Touchpoint touch(String id, String time, Stage stage) {
        Touchpoint t = new Touchpoint();
        t.eventId = id;
        t.leadId = "l";
        t.occurredAt = at(time);
        t.stage = stage;
        return t;
    }

    private static Activity attempt(String id, String time, String rep, AttemptOutcome outcome) {
        Activity a = new Activity();
        a.eventId = id;
        a.leadId = "l";
        a.occurredAt = at(time);
        a.type = Activity.Type.CONTACT_ATTEMPT;
        a.repId = rep;
        a.outcome = outcome;
        return a;
    }

    private static Activity owner(String id, String time, String owner) {
        Activity a = new Activity();
        a.eventId = id;
        a.leadId = "l";
        a.occurredAt = at(time);
        a.type = Activity.Type.OWNER_ASSIGNED;
        a.ownerId = owner;
        return a;
    }

    private static Activity status(String id, String time, LeadStatus status) {
        Activity a = new Activity();
        a.eventId = id;
        a.leadId = "l";
        a.occurredAt = at(time);
        a.type = Activity.Type.STATUS_CHANGED;
        a.status = status;
        return a;
    }

    private static SlaRecord sla(String id, String breachId, SlaEventKind kind, SlaRule rule, String time) {
        SlaRecord s = new SlaRecord();
        s.eventId = id;
        s.breachId = breachId;
        s.kind = kind;
        s.rule = rule;
        s.leadId = "l";
        s.detectedAt = at(time);
        return s;
    }

    private static Deal deal(String owner) {
        Deal d = new Deal();
        d.dealId = "d";
        d.leadId = "l";
        d.outcome = DealOutcome.WON;
        d.amount = BigDecimal.TEN;
        d.closedAt = at("18:00");
        d.ownerId = owner;
        return d;
    }

    @Test
    void milestonesDoNotDependOnArrivalOrder() {
        LeadHistory lead = new LeadHistory(
                "l",
                List.of(touch("c", "12:00", Stage.SQL), touch("a", "09:00", Stage.IQL), touch("b", "10:00", Stage.MQL)),
                List.of(
                        attempt("y", "13:00", "rep-b", AttemptOutcome.CONNECTED),
                        attempt("x", "11:00", "rep-a", AttemptOutcome.NO_ANSWER),
                        status("z", "14:00", LeadStatus.MEETING_BOOKED)),
                List.of(),
                List.of());
        assertThat(lead.firstTouch()).get().extracting(t -> t.eventId).isEqualTo("a");
        assertThat(lead.firstTouchAtLeast(Stage.MQL))
                .get()
                .extracting(t -> t.eventId)
                .isEqualTo("b");
        assertThat(lead.firstTouchAtLeast(Stage.SQL))
                .get()
                .extracting(t -> t.eventId)
                .isEqualTo("c");
        assertThat(lead.firstAttempt()).get().extracting(a -> a.eventId).isEqualTo("x");
        // the attempt before the SQL conversion was premature: speed counts from the SQL on
        assertThat(lead.firstAttemptSince(at("12:00")))
                .get()
                .extracting(a -> a.eventId)
                .isEqualTo("y");
        assertThat(lead.firstConnectedAttempt())
                .get()
                .extracting(a -> a.eventId)
                .isEqualTo("y");
        assertThat(lead.firstStatus(LeadStatus.MEETING_BOOKED)).isPresent();
        assertThat(lead.attemptsBefore(at("12:00"))).isEqualTo(1);
    }

    @Test
    void ownerIsTheLatestAssignmentThenTheFirstRepThenTheDealOwner() {
        assertThat(new LeadHistory(
                                "l",
                                List.of(),
                                List.of(owner("o2", "12:00", "rep-new"), owner("o1", "09:00", "rep-old")),
                                List.of(deal("rep-deal")),
                                List.of())
                        .owner())
                .isEqualTo("rep-new");
        assertThat(new LeadHistory(
                                "l",
                                List.of(),
                                List.of(attempt("x", "11:00", "rep-a", AttemptOutcome.NO_ANSWER)),
                                List.of(deal("rep-deal")),
                                List.of())
                        .owner())
                .isEqualTo("rep-a");
        assertThat(new LeadHistory("l", List.of(), List.of(), List.of(deal("rep-deal")), List.of()).owner())
                .isEqualTo("rep-deal");
        assertThat(new LeadHistory("l", List.of(), List.of(), List.of(), List.of()).owner())
                .isNull();
    }

    @Test
    void aRetractedBreachNoLongerStandsWhicheverArrivedFirst() {
        LeadHistory lead = new LeadHistory(
                "l",
                List.of(),
                List.of(),
                List.of(),
                List.of(
                        sla("r", "b1", SlaEventKind.RETRACTION, SlaRule.FIRST_CONTACT_OVERDUE, "10:10"),
                        sla("w", "b1", SlaEventKind.WARNING, SlaRule.FIRST_CONTACT_OVERDUE, "09:48"),
                        sla("b", "b1", SlaEventKind.BREACH, SlaRule.FIRST_CONTACT_OVERDUE, "10:00"),
                        sla("m", "b2", SlaEventKind.BREACH, SlaRule.ATTEMPT_MINIMUM_MISSED, "16:00"),
                        sla("e", "b2", SlaEventKind.ESCALATION, SlaRule.ATTEMPT_MINIMUM_MISSED, "17:00")));
        assertThat(lead.standingBreaches(SlaRule.FIRST_CONTACT_OVERDUE)).isEmpty();
        assertThat(lead.standingBreaches(SlaRule.ATTEMPT_MINIMUM_MISSED)).containsExactly("b2");
        assertThat(lead.standingBreaches(SlaRule.PREMATURE_CONTACT)).isEmpty();
    }
}
