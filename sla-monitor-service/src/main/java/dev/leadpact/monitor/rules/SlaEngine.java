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
import dev.leadpact.policy.PolicyReach;
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

    /** When the lead needs evaluating next and why, under which policy version. */
    public record Timer(Instant dueAt, SlaRule rule, SlaEventKind kind, SlaPolicy policy) {}

    private static final Comparator<LeadSlaState.StageMark> STAGE_ORDER =
            Comparator.comparing(LeadSlaState.StageMark::at).thenComparing(LeadSlaState.StageMark::eventId);
    private static final Comparator<LeadSlaState.AttemptMark> ATTEMPT_ORDER =
            Comparator.comparing(LeadSlaState.AttemptMark::at).thenComparing(LeadSlaState.AttemptMark::eventId);
    private static final Comparator<LeadSlaState.GiveUpMark> GIVE_UP_ORDER =
            Comparator.comparing(LeadSlaState.GiveUpMark::at).thenComparing(LeadSlaState.GiveUpMark::eventId);

    private final PolicyVersions policies;

    /** Every episode governed by this one book. */
    public SlaEngine(PolicyBook policies) {
        this(PolicyVersions.only(policies));
    }

    public SlaEngine(PolicyVersions policies) {
        this.policies = policies;
    }

    public PolicyVersions policies() {
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

    /**
     * Records the event's fact without evaluating (a replay rebuilding states from the log).
     *
     * @return whether the fact was new
     */
    public boolean learn(LeadSlaState state, LeadEvent event) {
        validate(event);
        if (state.knows(event.eventId())) {
            return false;
        }
        record(state, event);
        return true;
    }

    /**
     * Remembers an SLA event already on {@code sla.breaches.v1} as emitted (a replay), so that it
     * is not emitted again.
     */
    public static void remember(LeadSlaState state, SlaEvent event) {
        state.emitted.add(key(event.breachId(), event.kind()));
        if (event.kind() == SlaEventKind.BREACH) {
            state.openBreaches.put(event.breachId(), event);
        } else if (event.kind() == SlaEventKind.RETRACTION) {
            state.openBreaches.remove(event.breachId());
        }
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

    /**
     * The fact each kind of event adds to the lead's state. A conversion carries its source and
     * the version of the policy in force now, which governs the episode it may start.
     */
    private void record(LeadSlaState state, LeadEvent event) {
        PolicyBook current = policies.current();
        event.accept(new LeadEvent.Visitor<Void>() {
            @Override
            public Void conversion(ConversionEvent c) {
                String source = current.sourceOf(c.channel(), c.formId());
                int version = current.of(source, c.segment(), c.stage()).version();
                state.stages.add(new LeadSlaState.StageMark(
                        c.eventId(), c.occurredAt(), c.stage(), c.segment(), source, version));
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

    /**
     * Every commitment of the lead whose clock started in {@code [from, to)} and what it comes to at
     * {@code now} under these policies, from the facts alone: what the monitor emits, less the
     * timing of arrivals (a breach is a commitment missed by the facts known now, as after every
     * late event was applied). Changes nothing in the state.
     */
    public List<Verdict> verdicts(LeadSlaState state, Instant from, Instant to, Instant now) {
        List<LeadSlaState.AttemptMark> attempts = new ArrayList<>(state.attempts);
        attempts.sort(ATTEMPT_ORDER);
        List<Verdict> out = new ArrayList<>();
        for (Obligation o : obligations(state).values()) {
            if (o.start().isBefore(from) || !o.start().isBefore(to)) {
                continue;
            }
            Verdict.Status status = o.satisfied()
                    ? Verdict.Status.MET
                    : o.cancelled()
                            ? Verdict.Status.CANCELLED
                            : o.breachedAt(now) ? Verdict.Status.BREACHED : Verdict.Status.OPEN;
            Instant contact = null;
            if (o.rule() == SlaRule.FIRST_CONTACT_OVERDUE) {
                contact = attempts.stream()
                        .map(LeadSlaState.AttemptMark::at)
                        .filter(at -> !at.isBefore(o.start()))
                        .findFirst()
                        .orElse(null);
            }
            boolean warned = o.warnAt() != null
                    && !now.isBefore(o.warnAt())
                    && (status == Verdict.Status.BREACHED
                            || status == Verdict.Status.OPEN
                            || (contact != null && contact.isAfter(o.warnAt())));
            boolean escalated = status == Verdict.Status.BREACHED
                    && o.escalateAt() != null
                    && !now.isBefore(o.escalateAt())
                    && (o.resolvedAt() == null || o.resolvedAt().isAfter(o.escalateAt()));
            out.add(new Verdict(
                    o.pinKey() != null ? o.pinKey() : o.rule().name() + "@" + o.start(),
                    state.leadId,
                    o.rule(),
                    o.segment(),
                    o.stage(),
                    o.policy().id(),
                    o.policy().version(),
                    o.start(),
                    o.dueAt(),
                    o.breachId(),
                    status,
                    warned,
                    escalated,
                    contact == null
                            ? null
                            : o.policy()
                                    .calendar()
                                    .openTimeBetween(o.start(), contact)
                                    .toSeconds()));
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
                next = earliest(next, new Timer(o.warnAt(), o.rule(), SlaEventKind.WARNING, o.policy()));
            }
            if (!breachSent && o.dueAt().isAfter(now)) {
                next = earliest(next, new Timer(o.dueAt(), o.rule(), SlaEventKind.BREACH, o.policy()));
            }
            if (o.escalateAt() != null
                    && o.resolvedAt() == null
                    && o.escalateAt().isAfter(now)
                    && (!breachSent || state.openBreaches.containsKey(o.breachId()))
                    && !sent(state, o.breachId(), SlaEventKind.ESCALATION)) {
                next = earliest(next, new Timer(o.escalateAt(), o.rule(), SlaEventKind.ESCALATION, o.policy()));
            }
        }
        return Optional.ofNullable(next);
    }

    private static Timer earliest(Timer a, Timer b) {
        return a == null || b.dueAt().isBefore(a.dueAt()) ? b : a;
    }

    /** A stage rise: from the conversion {@code eventId}, with its source and pinned policy version. */
    private record Episode(
            Instant start, Stage stage, Segment segment, String eventId, String source, Integer version) {
        String pinKey(SlaRule rule) {
            return eventId + "/" + rule.name();
        }
    }

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
            if (policy(state, ep, null).salesOwns(ep.stage())) {
                LeadSlaState.GiveUpMark giveUp = giveUps.stream()
                        .filter(g -> !g.at().isBefore(ep.start()) && before(g.at(), end))
                        .findFirst()
                        .orElse(null);
                add(
                        out,
                        firstContact(
                                state.leadId,
                                ep,
                                policy(state, ep, SlaRule.FIRST_CONTACT_OVERDUE),
                                end,
                                giveUp,
                                attempts));
                add(
                        out,
                        attemptMinimum(
                                state.leadId,
                                ep,
                                policy(state, ep, SlaRule.ATTEMPT_MINIMUM_MISSED),
                                end,
                                giveUp,
                                attempts));
            }
            if (ep.stage() == Stage.SQL) {
                add(out, feedback(state.leadId, ep, policy(state, ep, SlaRule.FEEDBACK_OVERDUE), closedAt, giveUps));
            }
        }
        for (LeadSlaState.AttemptMark attempt : attempts) {
            Episode ep = episodeAt(episodes, attempt.at());
            if (ep == null) {
                continue;
            }
            SlaPolicy policy = policy(state, ep, null);
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
                                null,
                                null));
            }
        }
        return out;
    }

    /**
     * The policy governing one rule of an episode: the version a re-plan moved it to, else the
     * episode's own; {@code rule} null for the episode's version (handoff stage, premature contact).
     */
    private SlaPolicy policy(LeadSlaState state, Episode ep, SlaRule rule) {
        Integer version = rule == null ? null : state.pins.get(ep.pinKey(rule));
        return policies.of(ep.source(), ep.segment(), ep.stage(), version != null ? version : ep.version());
    }

    /**
     * Moves the commitments of open episodes that {@code policy} governs under an older version,
     * and that are still undecided (not met, not cancelled, no breach emitted), to this version;
     * verdicts already reached stay. {@link #nextTimer} then gives the moved deadlines.
     *
     * @return how many commitments moved (none when the version is for new episodes only)
     */
    public int replan(LeadSlaState state, SlaPolicy policy) {
        if (policy.appliesTo() != PolicyReach.OPEN_EPISODES) {
            return 0;
        }
        int moved = 0;
        for (Obligation o : obligations(state).values()) {
            if (o.pinKey() != null
                    && o.policy().id().equals(policy.id())
                    && o.policy().version() != policy.version()
                    && o.pending()
                    && !sent(state, o.breachId(), SlaEventKind.BREACH)) {
                state.pins.put(o.pinKey(), policy.version());
                moved++;
            }
        }
        return moved;
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
                null,
                ep.pinKey(SlaRule.FIRST_CONTACT_OVERDUE));
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
                policy.attemptsRequired(),
                ep.pinKey(SlaRule.ATTEMPT_MINIMUM_MISSED));
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
                null,
                ep.pinKey(SlaRule.FEEDBACK_OVERDUE));
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
            Episode next =
                    new Episode(mark.at(), mark.stage(), mark.segment(), mark.eventId(), mark.source(), mark.version());
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
                : policies.current().managerOf(mark.ownerId()).orElse(null);
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
