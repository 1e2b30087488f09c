package dev.leadpact.reporting.lead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.facts.Touchpoint;
import java.math.BigDecimal;
import java.time.Duration;
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

    /** Business time that only counts from 09:00 on the same day, enough to tell it from wall clock. */
    private static final BusinessTime FROM_NINE = (segment, stage, from, to) -> segment == null
            ? null
            : Duration.between(from.isBefore(at("09:00")) ? at("09:00") : from, to)
                    .toSeconds();

    private static Touchpoint touch(String id, String time, Stage stage, Segment segment, String source) {
        Touchpoint t = touch(id, time, stage);
        t.segment = segment;
        t.utmSource = source;
        return t;
    }

    @Test
    void summaryHasTheMilestonesAndTheResponseOnBothClocks() {
        LeadHistory lead = new LeadHistory(
                "l",
                List.of(
                        touch("a", "07:00", Stage.MQL, Segment.MID, "google"),
                        touch("b", "08:00", Stage.SQL, Segment.LARGE, "linkedin")),
                List.of(
                        owner("o", "08:05", "rep-a"),
                        attempt("x", "09:30", "rep-a", AttemptOutcome.NO_ANSWER),
                        attempt("y", "11:00", "rep-a", AttemptOutcome.CONNECTED),
                        status("m", "12:00", LeadStatus.MEETING_BOOKED)),
                List.of(),
                List.of());
        LeadSummary s = lead.summary(FROM_NINE, Duration.ofDays(30));
        assertThat(s.firstTouchAt()).isEqualTo(at("07:00"));
        // MQL at 07:00 answered at 09:30: 2.5 h on the wall clock, 30 min of it open
        assertThat(s.mql()).isEqualTo(new LeadSummary.Qualified(at("07:00"), Segment.MID, "google", 9000L, 1800L));
        assertThat(s.sql()).isEqualTo(new LeadSummary.Qualified(at("08:00"), Segment.LARGE, "linkedin", 5400L, 1800L));
        assertThat(s.firstAttemptAt()).isEqualTo(at("09:30"));
        assertThat(s.firstConnectAt()).isEqualTo(at("11:00"));
        assertThat(s.meetingAt()).isEqualTo(at("12:00"));
        assertThat(s.ownerId()).isEqualTo("rep-a");
        // contacted and no breach: in time; no outcome reported yet: no feedback
        assertThat(s.sqlContactedInTime()).isTrue();
        assertThat(s.sqlFeedbackInTime()).isFalse();
        assertThat(s.givenUpAt()).isNull();
        assertThat(s.givenUpWithMinimum()).isFalse();
    }

    @Test
    void aStandingBreachOrALateOutcomeIsNotInTime() {
        Deal won = deal("rep-a");
        List<SlaRecord> breaches = List.of(
                sla("b", "b1", SlaEventKind.BREACH, SlaRule.FIRST_CONTACT_OVERDUE, "09:00"),
                sla("m", "b2", SlaEventKind.BREACH, SlaRule.ATTEMPT_MINIMUM_MISSED, "16:00"));
        LeadHistory lead = new LeadHistory(
                "l",
                List.of(touch("a", "08:00", Stage.SQL)),
                List.of(
                        attempt("x", "09:30", "rep-a", AttemptOutcome.NO_ANSWER),
                        status("u", "15:00", LeadStatus.UNREACHABLE)),
                List.of(won),
                breaches);
        LeadSummary s = lead.summary(FROM_NINE, Duration.ofHours(8));
        assertThat(s.sqlContactedInTime()).isFalse();
        assertThat(s.givenUpAt()).isEqualTo(at("15:00"));
        assertThat(s.givenUpWithMinimum()).isFalse();
        // given up at 15:00, within 8 h of the SQL at 08:00: the first outcome counts, not the deal at 18:00
        assertThat(s.sqlFeedbackInTime()).isTrue();
        assertThat(lead.summary(FROM_NINE, Duration.ofHours(6)).sqlFeedbackInTime())
                .isFalse();
        // no segment on the touch: no policy, so no business time
        assertThat(s.sql().businessSeconds()).isNull();
        assertThat(s.sql().responseSeconds()).isEqualTo(5400L);
    }

    @Test
    void aDealIsMarketingSourcedWhenTheLeadConvertedByItsClose() {
        Deal won = deal("rep-a");
        LeadHistory before =
                new LeadHistory("l", List.of(touch("a", "17:00", Stage.SQL)), List.of(), List.of(won), List.of());
        LeadHistory after =
                new LeadHistory("l", List.of(touch("a", "19:00", Stage.SQL)), List.of(), List.of(won), List.of());
        assertThat(before.dealSummaries())
                .containsExactly(new DealSummary("d", "l", DealOutcome.WON, BigDecimal.TEN, null, at("18:00"), true));
        assertThat(after.dealSummaries())
                .extracting(DealSummary::marketingSourced)
                .containsExactly(false);
    }

    @Test
    void aLeadWithNoFactsSummarisesAsEmpty() {
        assertThat(new LeadHistory("l", List.of(), List.of(), List.of(), List.of())
                        .summary(FROM_NINE, Duration.ofDays(30)))
                .isEqualTo(LeadSummary.empty("l"));
    }
}
