package dev.leadpact.monitor.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.rules.LeadSlaState;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QualifiedLeadTest {
    private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");
    private static final Duration WINDOW = Duration.ofDays(14);

    private static LeadSlaState lead() {
        LeadSlaState state = new LeadSlaState("lead-1");
        state.stages.add(new LeadSlaState.StageMark("c1", T0, Stage.IQL, Segment.SMALL));
        state.stages.add(new LeadSlaState.StageMark("c3", T0.plusSeconds(7200), Stage.SQL, Segment.MID));
        state.stages.add(new LeadSlaState.StageMark("c2", T0.plusSeconds(3600), Stage.MQL, Segment.MID));
        return state;
    }

    @Test
    void aLeadIsDeliveredWhenItFirstReachesTheQualifyingStage() {
        QualifiedLead sql = QualifiedLead.of(lead(), Stage.SQL).orElseThrow();
        assertThat(sql.qualifiedAt()).isEqualTo(T0.plusSeconds(7200));
        assertThat(sql.segment()).isEqualTo(Segment.MID);
        assertThat(QualifiedLead.of(lead(), Stage.MQL).orElseThrow().qualifiedAt())
                .isEqualTo(T0.plusSeconds(3600));

        LeadSlaState iqlOnly = new LeadSlaState("lead-2");
        iqlOnly.stages.add(new LeadSlaState.StageMark("c1", T0, Stage.IQL, Segment.SMALL));
        assertThat(QualifiedLead.of(iqlOnly, Stage.MQL)).isEmpty();
    }

    @Test
    void itsTeamIsTheTeamOfItsLatestOwner() {
        LeadSlaState state = lead();
        assertThat(QualifiedLead.of(state, Stage.SQL).orElseThrow().team()).isNull();
        state.owners.add(new LeadSlaState.OwnerMark("o2", T0.plusSeconds(600), "rep-b", null, "na-small"));
        state.owners.add(new LeadSlaState.OwnerMark("o1", T0.plusSeconds(60), "rep-a", null, "emea-mid"));
        assertThat(QualifiedLead.of(state, Stage.SQL).orElseThrow().team()).isEqualTo("na-small");
    }

    @Test
    void aLeadDisqualifiedWithinTheWindowDoesNotCount() {
        LeadSlaState state = lead();
        Instant qualified = T0.plusSeconds(7200);
        state.giveUps.add(
                new LeadSlaState.GiveUpMark("s1", qualified.plus(Duration.ofDays(2)), LeadStatus.UNREACHABLE));
        assertThat(QualifiedLead.of(state, Stage.SQL).orElseThrow().counts(WINDOW))
                .as("unreachable is not a verdict on fit")
                .isTrue();

        state.giveUps.add(new LeadSlaState.GiveUpMark("s2", qualified.plus(WINDOW), LeadStatus.DISQUALIFIED));
        assertThat(QualifiedLead.of(state, Stage.SQL).orElseThrow().counts(WINDOW))
                .as("disqualified exactly at the window's end: too late to take it back")
                .isTrue();

        state.giveUps.add(
                new LeadSlaState.GiveUpMark("s3", qualified.plus(WINDOW).minusSeconds(1), LeadStatus.DISQUALIFIED));
        QualifiedLead lead = QualifiedLead.of(state, Stage.SQL).orElseThrow();
        assertThat(lead.disqualifiedAt()).isEqualTo(qualified.plus(WINDOW).minusSeconds(1));
        assertThat(lead.counts(WINDOW)).isFalse();
    }

    @Test
    void instantsAreKeptToTheMicrosecondAsTheDatabaseKeepsThem() {
        LeadSlaState state = new LeadSlaState("lead-3");
        state.stages.add(new LeadSlaState.StageMark("c1", T0.plusNanos(123_456_789), Stage.SQL, Segment.LARGE));
        assertThat(QualifiedLead.of(state, Stage.SQL).orElseThrow().qualifiedAt())
                .isEqualTo(T0.plusNanos(123_456_000));
    }
}
