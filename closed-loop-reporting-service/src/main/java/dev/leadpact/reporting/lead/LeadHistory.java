package dev.leadpact.reporting.lead;

import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.facts.Touchpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything known about one lead, in event-time order. The reports derive milestones from it
 * (created, first MQL, first SQL, first attempt, ...) rather than storing them, so an event that
 * arrives late simply moves a milestone.
 */
public record LeadHistory(
        String leadId,
        List<Touchpoint> touches,
        List<Activity> activities,
        List<Deal> deals,
        List<SlaRecord> slaEvents) {

    public LeadHistory {
        touches = touches.stream()
                .sorted(Comparator.comparing((Touchpoint t) -> t.occurredAt).thenComparing(t -> t.eventId))
                .toList();
        activities = activities.stream()
                .sorted(Comparator.comparing((Activity a) -> a.occurredAt).thenComparing(a -> a.eventId))
                .toList();
        deals = deals.stream()
                .sorted(Comparator.comparing((Deal d) -> d.closedAt).thenComparing(d -> d.dealId))
                .toList();
        slaEvents = slaEvents.stream()
                .sorted(Comparator.comparing((SlaRecord s) -> s.detectedAt).thenComparing(s -> s.eventId))
                .toList();
    }

    /** The lead's first touch: it was created then. */
    public Optional<Touchpoint> firstTouch() {
        return touches.stream().findFirst();
    }

    /** The first touch that put the lead at {@code stage} or higher. */
    public Optional<Touchpoint> firstTouchAtLeast(Stage stage) {
        return touches.stream()
                .filter(t -> t.stage != null && t.stage.isAtLeast(stage))
                .findFirst();
    }

    public Optional<Activity> firstAttempt() {
        return attempts().findFirst();
    }

    /** The first contact attempt at or after {@code since}. */
    public Optional<Activity> firstAttemptSince(Instant since) {
        return attempts().filter(a -> !a.occurredAt.isBefore(since)).findFirst();
    }

    public Optional<Activity> firstConnectedAttempt() {
        return attempts()
                .filter(a -> a.outcome != null && a.outcome.isConnected())
                .findFirst();
    }

    public Optional<Activity> firstStatus(LeadStatus status) {
        return activities.stream()
                .filter(a -> a.type == Activity.Type.STATUS_CHANGED && a.status == status)
                .findFirst();
    }

    public long attemptsBefore(Instant until) {
        return attempts().filter(a -> !a.occurredAt.isAfter(until)).count();
    }

    /** The latest assigned owner, else the rep of the first attempt, else null. */
    public String owner() {
        String owner = null;
        for (Activity a : activities) {
            if (a.type == Activity.Type.OWNER_ASSIGNED && a.ownerId != null) {
                owner = a.ownerId;
            }
        }
        if (owner == null) {
            owner = firstAttempt().map(a -> a.repId).orElse(null);
        }
        if (owner == null) {
            owner = deals.stream()
                    .map(d -> d.ownerId)
                    .filter(o -> o != null)
                    .findFirst()
                    .orElse(null);
        }
        return owner;
    }

    /** The team of the latest owner assignment that names one, else null. */
    public String team() {
        String team = null;
        for (Activity a : activities) {
            if (a.type == Activity.Type.OWNER_ASSIGNED && a.team != null) {
                team = a.team;
            }
        }
        return team;
    }

    /** When sales first reported an outcome: a closed deal (won or lost) or a status that gives the lead up. */
    public Optional<Instant> firstOutcomeAt() {
        Optional<Instant> deal = deals.stream().map(d -> d.closedAt).findFirst();
        Optional<Instant> status = activities.stream()
                .filter(a -> a.type == Activity.Type.STATUS_CHANGED && a.status != null && a.status.givesUp())
                .map(a -> a.occurredAt)
                .findFirst();
        if (deal.isPresent() && status.isPresent()) {
            return Optional.of(deal.get().isBefore(status.get()) ? deal.get() : status.get());
        }
        return deal.isPresent() ? deal : status;
    }

    public Optional<Deal> won() {
        return deals.stream().filter(d -> d.outcome == DealOutcome.WON).findFirst();
    }

    /**
     * Ids of this lead's breaches of {@code rule} that stand: a BREACH event and no RETRACTION of the
     * same breach id. Duplicated events share the breach id, so they count once.
     */
    public Set<String> standingBreaches(SlaRule rule) {
        Set<String> breached = new HashSet<>();
        Set<String> retracted = new HashSet<>();
        for (SlaRecord s : slaEvents) {
            if (s.rule != rule) {
                continue;
            }
            if (s.kind == SlaEventKind.BREACH) {
                breached.add(s.breachId);
            } else if (s.kind == SlaEventKind.RETRACTION) {
                retracted.add(s.breachId);
            }
        }
        breached.removeAll(retracted);
        return breached;
    }

    /**
     * The lead's milestones for the reports.
     *
     * @param businessTime open time in the calendar of the lead's policy
     * @param feedbackDeadline time after the first SQL touch by which sales reports an outcome
     */
    public LeadSummary summary(BusinessTime businessTime, Duration feedbackDeadline) {
        Optional<Touchpoint> sql = firstTouchAtLeast(Stage.SQL);
        Optional<Activity> givenUp = firstStatus(LeadStatus.UNREACHABLE);
        return new LeadSummary(
                leadId,
                firstTouch().map(t -> t.occurredAt).orElse(null),
                qualified(Stage.MQL, businessTime),
                qualified(Stage.SQL, businessTime),
                sql.isPresent()
                        && firstAttemptSince(sql.get().occurredAt).isPresent()
                        && standingBreaches(SlaRule.FIRST_CONTACT_OVERDUE).isEmpty(),
                sql.isPresent()
                        && firstOutcomeAt()
                                .filter(at -> !at.isAfter(sql.get().occurredAt.plus(feedbackDeadline)))
                                .isPresent(),
                firstAttempt().map(a -> a.occurredAt).orElse(null),
                firstConnectedAttempt().map(a -> a.occurredAt).orElse(null),
                firstStatus(LeadStatus.MEETING_BOOKED).map(a -> a.occurredAt).orElse(null),
                givenUp.map(a -> a.occurredAt).orElse(null),
                givenUp.isPresent()
                        && standingBreaches(SlaRule.ATTEMPT_MINIMUM_MISSED).isEmpty(),
                owner(),
                team());
    }

    /** The first touch at {@code stage} or higher, and the first attempt at or after it. */
    private LeadSummary.Qualified qualified(Stage stage, BusinessTime businessTime) {
        return firstTouchAtLeast(stage)
                .map(q -> {
                    Optional<Instant> answered = firstAttemptSince(q.occurredAt).map(a -> a.occurredAt);
                    return new LeadSummary.Qualified(
                            q.occurredAt,
                            q.segment,
                            q.utmSource,
                            answered.map(at ->
                                            Duration.between(q.occurredAt, at).toSeconds())
                                    .orElse(null),
                            answered.map(at -> businessTime.seconds(q.segment, stage, q.occurredAt, at))
                                    .orElse(null));
                })
                .orElse(null);
    }

    /** The lead's deals as the reports count them: marketing-sourced when the lead converted before the close. */
    public List<DealSummary> dealSummaries() {
        Optional<Instant> created = firstTouch().map(t -> t.occurredAt);
        return deals.stream()
                .map(d -> new DealSummary(
                        d.dealId,
                        leadId,
                        d.outcome,
                        d.amount,
                        d.currency,
                        d.closedAt,
                        created.filter(at -> !at.isAfter(d.closedAt)).isPresent()))
                .toList();
    }

    private java.util.stream.Stream<Activity> attempts() {
        return activities.stream().filter(a -> a.type == Activity.Type.CONTACT_ATTEMPT);
    }
}
