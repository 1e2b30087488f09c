package dev.leadpact.monitor.rules;

import dev.leadpact.events.ContactAttempt;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.LeadStatusChanged;
import dev.leadpact.events.OwnerAssigned;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SLA rules as plain Java. {@link #apply} records a fact about a lead and {@link #evaluate}
 * emits what the facts known at {@code now} call for; {@link #nextTimer} tells when to evaluate
 * again. Verdicts are recomputed from the facts each time, in event time, so a late or
 * out-of-order event simply changes the verdict (and a breach it disproves is retracted), and a
 * duplicate changes nothing.
 *
 * <p>Rules, per stage episode (a conversion that raises the stage starts one; the next rise or a
 * closed deal ends it) at or above the policy's handoff stage:
 *
 * <ul>
 *   <li>first contact: a contact attempt within the deadline (business time), else a breach at the
 *       deadline; warning before, escalation after, resolution when the late contact comes;
 *   <li>attempt minimum: at the end of the attempt window, or at once when the lead is given up
 *       earlier, fewer attempts than required and none connected is a breach;
 *   <li>feedback (SQL): a reported outcome (closed deal or give-up status) within the deadline.
 * </ul>
 *
 * A contact attempt while the lead's stage is below the handoff stage is a premature contact.
 */
public final class SlaEngine {

    /** When the lead needs evaluating next and why. */
    public record Timer(Instant dueAt, SlaRule rule, SlaEventKind kind) {}

    private static final Comparator<LeadSlaState.StageMark> STAGE_ORDER =
            Comparator.comparing(LeadSlaState.StageMark::at).thenComparing(LeadSlaState.StageMark::eventId);
    private static final Comparator<LeadSlaState.AttemptMark> ATTEMPT_ORDER =
            Comparator.comparing(LeadSlaState.AttemptMark::at).thenComparing(LeadSlaState.AttemptMark::eventId);
    private static final Comparator<LeadSlaState.GiveUpMark> GIVE_UP_ORDER =
            Comparator.comparing(LeadSlaState.GiveUpMark::at).thenComparing(LeadSlaState.GiveUpMark::eventId);

    private final PolicyBook policies;

    public SlaEngine(PolicyBook policies) {
        this.policies = policies;
    }

    public PolicyBook policies() {
        return policies;
    }

    /**
     * Records the event's fact and evaluates at {@code now}.
     *
     * @throws IllegalArgumentException when the event lacks what the rules need (it is poison)
     */
    public List<SlaEvent> apply(LeadSlaState state, LeadEvent event, Instant now) {
        validate(event);
        if (!event.leadId().equals(state.leadId)) {
            throw new IllegalArgumentException("event for lead " + event.leadId() + " applied to " + state.leadId);
        }
        if (state.knows(event.eventId())) {
            return List.of();
        }
        record(state, event);
        return evaluate(state, now);
    }

    public static void validate(LeadEvent event) {
        if (event == null || isBlank(event.eventId()) || isBlank(event.leadId()) || event.occurredAt() == null) {
            throw new IllegalArgumentException("event needs eventId, leadId and occurredAt");
        }
        event.accept(VALIDATE);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** What each kind needs besides id, lead and time; throws when it is missing. */
    private static final LeadEvent.Visitor<Void> VALIDATE = new LeadEvent.Visitor<>() {
        @Override
        public Void conversion(ConversionEvent c) {
            if (c.stage() == null || c.segment() == null) {
                throw new IllegalArgumentException("conversion needs stage and segment");
            }
            return null;
        }

        @Override
        public Void contactAttempt(ContactAttempt attempt) {
            return null;
        }

        @Override
        public Void statusChanged(LeadStatusChanged s) {
            if (s.status() == null) {
                throw new IllegalArgumentException("status change needs a status");
            }
            return null;
        }

        @Override
        public Void ownerAssigned(OwnerAssigned assignment) {
            return null;
        }

        @Override
        public Void dealClosed(DealClosed deal) {
            return null;
        }

        @Override
        public Void slaEvent(SlaEvent event) {
            return null;
        }
    };

    /** The fact each kind of event adds to the lead's state. */
    private static void record(LeadSlaState state, LeadEvent event) {
        event.accept(new LeadEvent.Visitor<Void>() {
            @Override
            public Void conversion(ConversionEvent c) {
                state.stages.add(new LeadSlaState.StageMark(c.eventId(), c.occurredAt(), c.stage(), c.segment()));
                return null;
            }

            @Override
            public Void contactAttempt(ContactAttempt a) {
                // an outcome this build does not know (UNKNOWN) is an attempt, not a conversation
                boolean connected = a.outcome() != null && a.outcome().isConnected();
                state.attempts.add(new LeadSlaState.AttemptMark(a.eventId(), a.occurredAt(), connected));
                return null;
            }

            @Override
            public Void statusChanged(LeadStatusChanged s) {
                // a status this build does not know (UNKNOWN) gives nothing up
                if (s.status().givesUp()) {
                    state.giveUps.add(new LeadSlaState.GiveUpMark(s.eventId(), s.occurredAt(), s.status()));
                }
                return null;
            }

            @Override
            public Void ownerAssigned(OwnerAssigned o) {
                state.owners.add(
                        new LeadSlaState.OwnerMark(o.eventId(), o.occurredAt(), o.ownerId(), o.managerId(), o.team()));
                return null;
            }

            @Override
            public Void dealClosed(DealClosed d) {
                state.closes.add(new LeadSlaState.CloseMark(d.eventId(), d.occurredAt()));
                return null;
            }

            @Override
            public Void slaEvent(SlaEvent e) {
                return null; // the monitor's own output is no fact about the lead
            }
        });
    }

    /** Emits what the known facts call for at {@code now} and remembers it in the state. */
    public List<SlaEvent> evaluate(LeadSlaState state, Instant now) {
        Map<String, Obligation> obligations = obligations(state);
        Owner owner = owner(state);
        List<SlaEvent> out = new ArrayList<>();
        for (Obligation o : obligations.values()) {
            boolean breachSent = sent(state, o.breachId(), SlaEventKind.BREACH);
            if (!breachSent
                    && o.warnAt() != null
                    && o.pending()
                    && !now.isBefore(o.warnAt())
                    && now.isBefore(o.dueAt())
                    && !sent(state, o.breachId(), SlaEventKind.WARNING)) {
                emit(state, out, event(state, o, SlaEventKind.WARNING, now, owner));
            }
            if (!breachSent && o.breachedAt(now)) {
                SlaEvent breach = event(state, o, SlaEventKind.BREACH, now, owner);
                emit(state, out, breach);
                state.openBreaches.put(o.breachId(), breach);
            }
            boolean live = state.openBreaches.containsKey(o.breachId());
            if (live
                    && o.resolvedAt() != null
                    && o.breachedAt(now)
                    && !sent(state, o.breachId(), SlaEventKind.RESOLUTION)) {
                emit(state, out, event(state, o, SlaEventKind.RESOLUTION, now, owner));
            }
            if (live
                    && o.escalateAt() != null
                    && o.resolvedAt() == null
                    && o.breachedAt(now)
                    && !now.isBefore(o.escalateAt())
                    && !sent(state, o.breachId(), SlaEventKind.ESCALATION)) {
                emit(state, out, event(state, o, SlaEventKind.ESCALATION, now, owner));
            }
        }
        for (SlaEvent breach : List.copyOf(state.openBreaches.values())) {
            Obligation o = obligations.get(breach.breachId());
            if (o == null || !o.breachedAt(now)) {
                state.openBreaches.remove(breach.breachId());
                emit(state, out, retraction(breach, now));
            }
        }
        return out;
    }

    /** The next instant at which {@link #evaluate} may emit something, after {@code now}. */
    public Optional<Timer> nextTimer(LeadSlaState state, Instant now) {
        Timer next = null;
        for (Obligation o : obligations(state).values()) {
            if (!o.pending()) {
                continue;
            }
            boolean breachSent = sent(state, o.breachId(), SlaEventKind.BREACH);
            if (!breachSent
                    && o.warnAt() != null
                    && o.warnAt().isAfter(now)
                    && o.warnAt().isBefore(o.dueAt())
                    && !sent(state, o.breachId(), SlaEventKind.WARNING)) {
                next = earliest(next, new Timer(o.warnAt(), o.rule(), SlaEventKind.WARNING));
            }
            if (!breachSent && o.dueAt().isAfter(now)) {
                next = earliest(next, new Timer(o.dueAt(), o.rule(), SlaEventKind.BREACH));
            }
            if (o.escalateAt() != null
                    && o.resolvedAt() == null
                    && o.escalateAt().isAfter(now)
                    && (!breachSent || state.openBreaches.containsKey(o.breachId()))
                    && !sent(state, o.breachId(), SlaEventKind.ESCALATION)) {
                next = earliest(next, new Timer(o.escalateAt(), o.rule(), SlaEventKind.ESCALATION));
            }
        }
        return Optional.ofNullable(next);
    }

    private static Timer earliest(Timer a, Timer b) {
        return a == null || b.dueAt().isBefore(a.dueAt()) ? b : a;
    }

    private record Episode(Instant start, Stage stage, Segment segment) {}

    private record Owner(String ownerId, String managerId) {}

    /** Every commitment the facts define, by breach id. */
    Map<String, Obligation> obligations(LeadSlaState state) {
        List<Episode> episodes = episodes(state);
        List<LeadSlaState.AttemptMark> attempts = new ArrayList<>(state.attempts);
        attempts.sort(ATTEMPT_ORDER);
        List<LeadSlaState.GiveUpMark> giveUps = new ArrayList<>(state.giveUps);
        giveUps.sort(GIVE_UP_ORDER);
        Instant closedAt = state.closes.stream()
                .map(LeadSlaState.CloseMark::at)
                .min(Comparator.naturalOrder())
                .orElse(null);

        Map<String, Obligation> out = new LinkedHashMap<>();
        for (int k = 0; k < episodes.size(); k++) {
            Episode ep = episodes.get(k);
            Instant nextRise = k + 1 < episodes.size() ? episodes.get(k + 1).start() : null;
            Instant end = min(nextRise, closedAt);
            SlaPolicy policy = policies.of(ep.segment(), ep.stage());
            if (policy.salesOwns(ep.stage())) {
                LeadSlaState.GiveUpMark giveUp = giveUps.stream()
                        .filter(g -> !g.at().isBefore(ep.start()) && before(g.at(), end))
                        .findFirst()
                        .orElse(null);
                add(out, firstContact(state.leadId, ep, policy, end, giveUp, attempts));
                add(out, attemptMinimum(state.leadId, ep, policy, end, giveUp, attempts));
            }
            if (ep.stage() == Stage.SQL) {
                add(out, feedback(state.leadId, ep, policy, closedAt, giveUps));
            }
        }
        for (LeadSlaState.AttemptMark attempt : attempts) {
            Episode ep = episodeAt(episodes, attempt.at());
            if (ep == null) {
                continue;
            }
            SlaPolicy policy = policies.of(ep.segment(), ep.stage());
            if (!policy.salesOwns(ep.stage())) {
                String id = SlaIds.breachId(state.leadId, SlaRule.PREMATURE_CONTACT, attempt.at());
                add(
                        out,
                        new Obligation(
                                SlaRule.PREMATURE_CONTACT,
                                id,
                                ep.stage(),
                                ep.segment(),
                                policy,
                                attempt.at(),
                                null,
                                attempt.at(),
                                null,
                                false,
                                false,
                                null,
                                null,
                                null));
            }
        }
        return out;
    }

    private static void add(Map<String, Obligation> out, Obligation o) {
        out.putIfAbsent(o.breachId(), o);
    }

    private static Obligation firstContact(
            String leadId,
            Episode ep,
            SlaPolicy policy,
            Instant end,
            LeadSlaState.GiveUpMark giveUp,
            List<LeadSlaState.AttemptMark> attempts) {
        Instant due = policy.calendar().plus(ep.start(), policy.firstContact());
        Instant warn = policy.warningFor(ep.start(), policy.firstContact());
        Instant escalate = policy.calendar().plus(due, policy.escalationDelay());
        Instant clockEnd = min(end, giveUp == null ? null : giveUp.at());
        Instant first = attempts.stream()
                .map(LeadSlaState.AttemptMark::at)
                .filter(at -> !at.isBefore(ep.start()) && before(at, clockEnd))
                .findFirst()
                .orElse(null);
        boolean satisfied = first != null && !first.isAfter(due);
        boolean cancelled = !satisfied && clockEnd != null && !clockEnd.isAfter(due);
        Instant resolvedAt = first != null && first.isAfter(due) ? first : null;
        return new Obligation(
                SlaRule.FIRST_CONTACT_OVERDUE,
                SlaIds.breachId(leadId, SlaRule.FIRST_CONTACT_OVERDUE, due),
                ep.stage(),
                ep.segment(),
                policy,
                ep.start(),
                warn.isBefore(due) ? warn : null,
                due,
                escalate,
                satisfied,
                cancelled,
                resolvedAt,
                null,
                null);
    }

    private static Obligation attemptMinimum(
            String leadId,
            Episode ep,
            SlaPolicy policy,
            Instant end,
            LeadSlaState.GiveUpMark giveUp,
            List<LeadSlaState.AttemptMark> attempts) {
        Instant windowEnd = policy.calendar().plus(ep.start(), policy.attemptWindow());
        boolean gaveUpEarly = giveUp != null && !giveUp.at().isAfter(windowEnd);
        Instant due = gaveUpEarly ? giveUp.at() : windowEnd;
        int made = 0;
        boolean connected = false;
        for (LeadSlaState.AttemptMark a : attempts) {
            if (!a.at().isBefore(ep.start()) && !a.at().isAfter(due)) {
                made++;
                connected |= a.connected();
            }
        }
        boolean satisfied = made >= policy.attemptsRequired() || connected;
        boolean cancelled = !satisfied && end != null && !end.isAfter(due);
        Instant warn = gaveUpEarly ? null : policy.warningFor(ep.start(), policy.attemptWindow());
        return new Obligation(
                SlaRule.ATTEMPT_MINIMUM_MISSED,
                SlaIds.breachId(leadId, SlaRule.ATTEMPT_MINIMUM_MISSED, due),
                ep.stage(),
                ep.segment(),
                policy,
                ep.start(),
                warn != null && warn.isBefore(due) ? warn : null,
                due,
                policy.calendar().plus(due, policy.escalationDelay()),
                satisfied,
                cancelled,
                null,
                made,
                policy.attemptsRequired());
    }

    private static Obligation feedback(
            String leadId, Episode ep, SlaPolicy policy, Instant closedAt, List<LeadSlaState.GiveUpMark> giveUps) {
        Instant due = ep.start().plus(policy.feedbackDeadline());
        Instant givenUp = giveUps.stream()
                .map(LeadSlaState.GiveUpMark::at)
                .filter(at -> !at.isBefore(ep.start()))
                .findFirst()
                .orElse(null);
        Instant reported = min(closedAt, givenUp);
        boolean satisfied = reported != null && !reported.isAfter(due);
        Instant warn = ep.start()
                .plus(Duration.ofMillis(Math.round(policy.feedbackDeadline().toMillis() * policy.warningAt())));
        return new Obligation(
                SlaRule.FEEDBACK_OVERDUE,
                SlaIds.breachId(leadId, SlaRule.FEEDBACK_OVERDUE, due),
                ep.stage(),
                ep.segment(),
                policy,
                ep.start(),
                warn.isBefore(due) ? warn : null,
                due,
                due.plus(policy.escalationDelay()),
                satisfied,
                false,
                null,
                null,
                null);
    }

    /** Stage rises in event time: each conversion that lifts the running maximum starts one. */
    private static List<Episode> episodes(LeadSlaState state) {
        List<LeadSlaState.StageMark> marks = new ArrayList<>(state.stages);
        marks.sort(STAGE_ORDER);
        List<Episode> episodes = new ArrayList<>();
        for (LeadSlaState.StageMark mark : marks) {
            Episode last = episodes.isEmpty() ? null : episodes.get(episodes.size() - 1);
            if (last != null && !mark.stage().isAtLeast(last.stage())) {
                continue;
            }
            if (last != null && mark.stage() == last.stage()) {
                continue;
            }
            Episode next = new Episode(mark.at(), mark.stage(), mark.segment());
            if (last != null && last.start().equals(mark.at())) {
                episodes.set(episodes.size() - 1, next);
            } else {
                episodes.add(next);
            }
        }
        return episodes;
    }

    private static Episode episodeAt(List<Episode> episodes, Instant at) {
        Episode found = null;
        for (Episode ep : episodes) {
            if (!ep.start().isAfter(at)) {
                found = ep;
            }
        }
        return found;
    }

    private Owner owner(LeadSlaState state) {
        LeadSlaState.OwnerMark mark = state.owners.stream()
                .max(Comparator.comparing(LeadSlaState.OwnerMark::at).thenComparing(LeadSlaState.OwnerMark::eventId))
                .orElse(null);
        if (mark == null) {
            return new Owner(null, null);
        }
        String manager = mark.managerId() != null
                ? mark.managerId()
                : policies.managerOf(mark.ownerId()).orElse(null);
        return new Owner(mark.ownerId(), manager);
    }

    private static boolean sent(LeadSlaState state, String breachId, SlaEventKind kind) {
        return state.emitted.contains(key(breachId, kind));
    }

    private static String key(String breachId, SlaEventKind kind) {
        return breachId + "/" + kind.name();
    }

    private static void emit(LeadSlaState state, List<SlaEvent> out, SlaEvent event) {
        if (state.emitted.add(key(event.breachId(), event.kind()))) {
            out.add(event);
        }
    }

    private static SlaEvent event(LeadSlaState state, Obligation o, SlaEventKind kind, Instant now, Owner owner) {
        SlaEvent.LeadBreach breach = new SlaEvent.LeadBreach(
                o.breachId(),
                o.rule(),
                state.leadId,
                owner.ownerId(),
                owner.managerId(),
                o.segment(),
                o.stage(),
                o.dueAt(),
                o.attemptsMade(),
                o.attemptsRequired(),
                o.policy().id(),
                o.policy().version());
        String eventId = SlaIds.eventId(o.breachId(), kind);
        return switch (kind) {
            case WARNING -> SlaEvent.warning(eventId, breach, now);
            case BREACH -> SlaEvent.breach(eventId, breach, now);
            case ESCALATION -> SlaEvent.escalation(eventId, breach, now);
            case RESOLUTION -> SlaEvent.resolution(eventId, breach, now, o.start(), o.resolvedAt());
            case RETRACTION, UNKNOWN -> throw new IllegalArgumentException("an obligation does not emit " + kind);
        };
    }

    private static SlaEvent retraction(SlaEvent breach, Instant now) {
        return breach.retraction(SlaIds.eventId(breach.breachId(), SlaEventKind.RETRACTION), now);
    }

    private static Instant min(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    /** {@code at} strictly before {@code end}; no end means no limit. */
    private static boolean before(Instant at, Instant end) {
        return end == null || at.isBefore(end);
    }
}
