package dev.leadpact.monitor.commitment;

import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.rules.LeadSlaState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Optional;

/**
 * A lead marketing delivered: it reached the qualifying stage at {@code qualifiedAt} (event time).
 * It counts for the month of that instant, for its segment and for the team of its latest owner.
 *
 * @param disqualifiedAt when sales first set it to {@link LeadStatus#DISQUALIFIED}, if ever
 */
public record QualifiedLead(String leadId, Instant qualifiedAt, Segment segment, String team, Instant disqualifiedAt) {

    /** The lead as delivered, from what the monitor knows of it; empty while below the qualifying stage. */
    public static Optional<QualifiedLead> of(LeadSlaState state, Stage qualifying) {
        Optional<LeadSlaState.StageMark> qualified = state.stages.stream()
                .filter(m -> m.stage().isAtLeast(qualifying))
                .min(Comparator.comparing(LeadSlaState.StageMark::at).thenComparing(LeadSlaState.StageMark::eventId));
        if (qualified.isEmpty()) {
            return Optional.empty();
        }
        String team = state.owners.stream()
                .max(Comparator.comparing(LeadSlaState.OwnerMark::at).thenComparing(LeadSlaState.OwnerMark::eventId))
                .map(LeadSlaState.OwnerMark::team)
                .orElse(null);
        Instant disqualified = state.giveUps.stream()
                .filter(g -> g.status() == LeadStatus.DISQUALIFIED)
                .map(LeadSlaState.GiveUpMark::at)
                .min(Comparator.naturalOrder())
                .orElse(null);
        // the database keeps microseconds: a lead read back compares equal to one derived again
        return Optional.of(new QualifiedLead(
                state.leadId,
                qualified.get().at().truncatedTo(ChronoUnit.MICROS),
                qualified.get().segment(),
                team,
                disqualified == null ? null : disqualified.truncatedTo(ChronoUnit.MICROS)));
    }

    /** Whether it counts toward delivery: sales did not disqualify it within {@code window} of qualification. */
    public boolean counts(Duration window) {
        return disqualifiedAt == null || !disqualifiedAt.isBefore(qualifiedAt.plus(window));
    }
}
