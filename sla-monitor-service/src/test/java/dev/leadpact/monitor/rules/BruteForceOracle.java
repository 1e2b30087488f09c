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
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A second, deliberately naive implementation of the SLA rules for the oracle test: it keeps the
 * raw log of arrived events, recomputes every commitment from scratch at every instant where
 * anything could change (each arrival and each warning, deadline and escalation time), counts
 * business time minute by minute, and has no timers and no stored state besides what was emitted.
 */
final class BruteForceOracle {

    /** The calendar's definition, counted minute by minute. */
    record MinuteCalendar(
            boolean alwaysOpen,
            ZoneId zone,
            Set<DayOfWeek> days,
            LocalTime opens,
            LocalTime closes,
            Set<LocalDate> holidays) {

        boolean open(Instant t) {
            if (alwaysOpen) {
                return true;
            }
            ZonedDateTime z = t.atZone(zone);
            LocalTime time = z.toLocalTime();
            return days.contains(z.getDayOfWeek())
                    && !holidays.contains(z.toLocalDate())
                    && !time.isBefore(opens)
                    && time.isBefore(closes);
        }
    }

    private record Key(Instant start, Duration amount) {}

    private final PolicyBook policies;
    private final MinuteCalendar calendar;
    private final Map<Key, Instant> memo = new HashMap<>();

    private final List<LeadEvent> known = new ArrayList<>();
    private final Set<String> knownIds = new HashSet<>();
    private final Set<String> emittedKeys = new HashSet<>();
    private final Map<String, SlaEvent> liveBreaches = new LinkedHashMap<>();
    final List<SlaEvent> emitted = new ArrayList<>();

    BruteForceOracle(PolicyBook policies, MinuteCalendar calendar) {
        this.policies = policies;
        this.calendar = calendar;
    }

    /** Replays arrivals (in arrival order) and runs on until {@code horizon}. */
    List<SlaEvent> run(List<Simulated> arrivals, Instant horizon) {
        Instant now = Instant.MIN;
        for (Simulated arrival : arrivals) {
            now = runUntil(now, arrival.arrival());
            if (knownIds.add(arrival.event().eventId())) {
                known.add(arrival.event());
            }
            evaluate(arrival.arrival());
            now = arrival.arrival();
        }
        runUntil(now, horizon);
        return emitted;
    }

    record Simulated(Instant arrival, LeadEvent event) {}

    /** Evaluates at every threshold in (from, until], earliest first. */
    private Instant runUntil(Instant from, Instant until) {
        Instant now = from;
        while (true) {
            TreeSet<Instant> thresholds = new TreeSet<>();
            for (Duty d : duties()) {
                for (Instant x : new Instant[] {d.warnAt, d.dueAt, d.escalateAt}) {
                    if (x != null && x.isAfter(now) && !x.isAfter(until)) {
                        thresholds.add(x);
                    }
                }
            }
            if (thresholds.isEmpty()) {
                return now;
            }
            now = thresholds.first();
            evaluate(now);
        }
    }

    /** One commitment, as the spec words it. */
    private static final class Duty {
        SlaRule rule;
        String breachId;
        Stage stage;
        Segment segment;
        SlaPolicy policy;
        Instant start;
        Instant warnAt;
        Instant dueAt;
        Instant escalateAt;
        boolean met;
        boolean ended;
        Instant lateContact;
        Integer made;
        Integer required;

        boolean breached(Instant now) {
            return !met && !ended && !now.isBefore(dueAt);
        }
    }

    private void evaluate(Instant now) {
        List<Duty> duties = duties();
        String[] owner = owner();
        Map<String, Duty> byId = new LinkedHashMap<>();
        for (Duty d : duties) {
            byId.putIfAbsent(d.breachId, d);
        }
        for (Duty d : byId.values()) {
            boolean breachSent = emittedKeys.contains(d.breachId + SlaEventKind.BREACH);
            if (!breachSent
                    && d.warnAt != null
                    && !d.met
                    && !d.ended
                    && !now.isBefore(d.warnAt)
                    && now.isBefore(d.dueAt)) {
                emit(event(d, SlaEventKind.WARNING, now, owner));
            }
            if (!breachSent && d.breached(now)) {
                SlaEvent b = event(d, SlaEventKind.BREACH, now, owner);
                emit(b);
                liveBreaches.put(d.breachId, b);
            }
            if (liveBreaches.containsKey(d.breachId) && d.breached(now)) {
                if (d.lateContact != null) {
                    emit(event(d, SlaEventKind.RESOLUTION, now, owner));
                } else if (d.escalateAt != null && !now.isBefore(d.escalateAt)) {
                    emit(event(d, SlaEventKind.ESCALATION, now, owner));
                }
            }
        }
        for (SlaEvent b : new ArrayList<>(liveBreaches.values())) {
            Duty d = byId.get(b.breachId());
            if (d == null || !d.breached(now)) {
                liveBreaches.remove(b.breachId());
                emit(b.retraction(SlaIds.eventId(b.breachId(), SlaEventKind.RETRACTION), now));
            }
        }
    }

    private void emit(SlaEvent e) {
        if (emittedKeys.add(e.breachId() + e.kind())) {
            emitted.add(e);
        }
    }

    private String[] owner() {
        OwnerAssigned best = null;
        for (LeadEvent e : known) {
            if (e instanceof OwnerAssigned) {
                OwnerAssigned o = (OwnerAssigned) e;
                if (best == null
                        || o.occurredAt().isAfter(best.occurredAt())
                        || (o.occurredAt().equals(best.occurredAt())
                                && o.eventId().compareTo(best.eventId()) > 0)) {
                    best = o;
                }
            }
        }
        if (best == null) {
            return new String[] {null, null};
        }
        String manager = best.managerId() != null
                ? best.managerId()
                : policies.managerOf(best.ownerId()).orElse(null);
        return new String[] {best.ownerId(), manager};
    }

    private SlaEvent event(Duty d, SlaEventKind kind, Instant now, String[] owner) {
        String eventId = SlaIds.eventId(d.breachId, kind);
        SlaEvent.LeadBreach breach = new SlaEvent.LeadBreach(
                d.breachId,
                d.rule,
                leadId(),
                owner[0],
                owner[1],
                d.segment,
                d.stage,
                d.dueAt,
                d.made,
                d.required,
                d.policy.id(),
                d.policy.version());
        return switch (kind) {
            case WARNING -> SlaEvent.warning(eventId, breach, now);
            case BREACH -> SlaEvent.breach(eventId, breach, now);
            case ESCALATION -> SlaEvent.escalation(eventId, breach, now);
            case RESOLUTION -> SlaEvent.resolution(eventId, breach, now, d.start, d.lateContact);
            default -> throw new IllegalArgumentException("the oracle makes no " + kind);
        };
    }

    private String leadId() {
        return known.get(0).leadId();
    }

    /** Stage in force at {@code t}: the highest stage of any conversion at or before it. */
    private Stage stageAt(Instant t, boolean inclusive) {
        Stage best = null;
        for (LeadEvent e : known) {
            if (e instanceof ConversionEvent) {
                ConversionEvent c = (ConversionEvent) e;
                boolean counts =
                        inclusive ? !c.occurredAt().isAfter(t) : c.occurredAt().isBefore(t);
                if (counts && (best == null || c.stage().compareTo(best) > 0)) {
                    best = c.stage();
                }
            }
        }
        return best;
    }

    private List<Duty> duties() {
        List<Duty> out = new ArrayList<>();
        if (known.isEmpty()) {
            return out;
        }
        // Episode starts: instants where the stage in force rises.
        TreeSet<Instant> starts = new TreeSet<>();
        for (LeadEvent e : known) {
            if (e instanceof ConversionEvent) {
                Instant x = e.occurredAt();
                Stage before = stageAt(x, false);
                Stage after = stageAt(x, true);
                if (before == null || after.compareTo(before) > 0) {
                    starts.add(x);
                }
            }
        }
        Instant closed = null;
        for (LeadEvent e : known) {
            if (e instanceof DealClosed && (closed == null || e.occurredAt().isBefore(closed))) {
                closed = e.occurredAt();
            }
        }
        for (Instant s : starts) {
            Stage stage = stageAt(s, true);
            Segment segment = segmentOf(s, stage);
            SlaPolicy p = policies.of(segment, stage);
            Instant next = starts.higher(s);
            Instant end = earliest(next, closed);
            if (stage.compareTo(p.handoffStage()) >= 0) {
                Instant giveUp = null;
                for (LeadEvent e : known) {
                    if (e instanceof LeadStatusChanged
                            && ((LeadStatusChanged) e).status().givesUp()
                            && !e.occurredAt().isBefore(s)
                            && (end == null || e.occurredAt().isBefore(end))) {
                        giveUp = earliest(giveUp, e.occurredAt());
                    }
                }
                out.add(firstContact(s, stage, segment, p, earliest(end, giveUp)));
                out.add(attempts(s, stage, segment, p, end, giveUp));
            }
            if (stage == Stage.SQL) {
                out.add(feedback(s, stage, segment, p, closed));
            }
        }
        for (LeadEvent e : known) {
            if (e instanceof ContactAttempt) {
                Instant at = e.occurredAt();
                Stage stage = stageAt(at, true);
                if (stage == null) {
                    continue;
                }
                Instant episode = starts.floor(at);
                Segment segment = segmentOf(episode, stage);
                SlaPolicy p = policies.of(segment, stage);
                if (stage.compareTo(p.handoffStage()) < 0) {
                    Duty d = duty(SlaRule.PREMATURE_CONTACT, at, stage, segment, p, at);
                    d.dueAt = at;
                    d.breachId = SlaIds.breachId(leadId(), d.rule, at);
                    out.add(d);
                }
            }
        }
        return out;
    }

    private Segment segmentOf(Instant start, Stage stage) {
        String bestId = null;
        Segment segment = null;
        for (LeadEvent e : known) {
            if (e instanceof ConversionEvent
                    && e.occurredAt().equals(start)
                    && ((ConversionEvent) e).stage() == stage
                    && (bestId == null || e.eventId().compareTo(bestId) < 0)) {
                bestId = e.eventId();
                segment = ((ConversionEvent) e).segment();
            }
        }
        return segment;
    }

    private Duty duty(SlaRule rule, Instant start, Stage stage, Segment segment, SlaPolicy p, Instant due) {
        Duty d = new Duty();
        d.rule = rule;
        d.start = start;
        d.stage = stage;
        d.segment = segment;
        d.policy = p;
        d.dueAt = due;
        d.breachId = SlaIds.breachId(leadId(), rule, due);
        return d;
    }

    private Duty firstContact(Instant s, Stage stage, Segment segment, SlaPolicy p, Instant clockEnd) {
        Duty d = duty(SlaRule.FIRST_CONTACT_OVERDUE, s, stage, segment, p, plus(s, p.firstContact()));
        Instant warn = plus(s, scaled(p.firstContact(), p.warningAt()));
        d.warnAt = warn.isBefore(d.dueAt) ? warn : null;
        d.escalateAt = plus(d.dueAt, p.escalationDelay());
        Instant first = null;
        for (LeadEvent e : known) {
            if (e instanceof ContactAttempt
                    && !e.occurredAt().isBefore(s)
                    && (clockEnd == null || e.occurredAt().isBefore(clockEnd))) {
                first = earliest(first, e.occurredAt());
            }
        }
        d.met = first != null && !first.isAfter(d.dueAt);
        d.ended = !d.met && clockEnd != null && !clockEnd.isAfter(d.dueAt);
        d.lateContact = first != null && first.isAfter(d.dueAt) ? first : null;
        return d;
    }

    private Duty attempts(Instant s, Stage stage, Segment segment, SlaPolicy p, Instant end, Instant giveUp) {
        Instant window = plus(s, p.attemptWindow());
        boolean early = giveUp != null && !giveUp.isAfter(window);
        Duty d = duty(SlaRule.ATTEMPT_MINIMUM_MISSED, s, stage, segment, p, early ? giveUp : window);
        int made = 0;
        boolean reached = false;
        for (LeadEvent e : known) {
            if (e instanceof ContactAttempt
                    && !e.occurredAt().isBefore(s)
                    && !e.occurredAt().isAfter(d.dueAt)) {
                made++;
                ContactAttempt a = (ContactAttempt) e;
                reached |= a.outcome() != null && a.outcome().isConnected();
            }
        }
        d.made = made;
        d.required = p.attemptsRequired();
        d.met = made >= p.attemptsRequired() || reached;
        d.ended = !d.met && end != null && !end.isAfter(d.dueAt);
        if (!early) {
            Instant warn = plus(s, scaled(p.attemptWindow(), p.warningAt()));
            d.warnAt = warn.isBefore(d.dueAt) ? warn : null;
        }
        d.escalateAt = plus(d.dueAt, p.escalationDelay());
        return d;
    }

    private Duty feedback(Instant s, Stage stage, Segment segment, SlaPolicy p, Instant closed) {
        Duty d = duty(SlaRule.FEEDBACK_OVERDUE, s, stage, segment, p, s.plus(p.feedbackDeadline()));
        Instant warn = s.plus(scaled(p.feedbackDeadline(), p.warningAt()));
        d.warnAt = warn.isBefore(d.dueAt) ? warn : null;
        d.escalateAt = d.dueAt.plus(p.escalationDelay());
        Instant reported = closed;
        for (LeadEvent e : known) {
            if (e instanceof LeadStatusChanged
                    && ((LeadStatusChanged) e).status().givesUp()
                    && !e.occurredAt().isBefore(s)) {
                reported = earliest(reported, e.occurredAt());
            }
        }
        d.met = reported != null && !reported.isAfter(d.dueAt);
        return d;
    }

    private static Duration scaled(Duration d, double factor) {
        return Duration.ofMillis(Math.round(d.toMillis() * factor));
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** Business time, minute by minute; whole days count working days at the same local time. */
    Instant plus(Instant start, Duration amount) {
        if (calendar.alwaysOpen() || amount.isZero()) {
            return start.plus(amount);
        }
        return memo.computeIfAbsent(new Key(start, amount), k -> {
            Instant t = start;
            if (amount.toSeconds() % 86_400 == 0) {
                while (!calendar.open(t)) {
                    t = t.plus(Duration.ofMinutes(1));
                }
                ZonedDateTime z = t.atZone(calendar.zone());
                LocalDate date = z.toLocalDate();
                for (long i = 0; i < amount.toDays(); i++) {
                    do {
                        date = date.plusDays(1);
                    } while (!calendar.days().contains(date.getDayOfWeek())
                            || calendar.holidays().contains(date));
                }
                return ZonedDateTime.of(date, z.toLocalTime(), calendar.zone()).toInstant();
            }
            long minutes = amount.toMinutes();
            while (minutes > 0) {
                if (calendar.open(t)) {
                    minutes--;
                }
                t = t.plus(Duration.ofMinutes(1));
            }
            return t;
        });
    }
}
