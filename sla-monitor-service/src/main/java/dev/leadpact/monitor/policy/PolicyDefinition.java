package dev.leadpact.monitor.policy;

import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import dev.leadpact.policy.BusinessCalendar;
import dev.leadpact.policy.PolicyReach;
import dev.leadpact.policy.SlaPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One policy version's settings as stored in {@code sla_policy_version} (JSON): enough to judge an
 * episode pinned to it after the configuration moved on, and to tell whether a version's settings
 * changed.
 */
public record PolicyDefinition(
        String source,
        Segment segment,
        Stage stage,
        Stage handoffStage,
        Duration firstContact,
        int attemptsRequired,
        Duration attemptWindow,
        double warningAt,
        Duration escalationDelay,
        Duration feedbackDeadline,
        PolicyReach appliesTo,
        Calendar calendar) {

    /** A business calendar; {@code alwaysOpen} for {@code 24x7}. Days and holidays sorted. */
    public record Calendar(
            String name,
            boolean alwaysOpen,
            String zone,
            List<DayOfWeek> workingDays,
            LocalTime opens,
            LocalTime closes,
            List<LocalDate> holidays) {}

    public static PolicyDefinition of(SlaPolicy p) {
        BusinessCalendar c = p.calendar();
        return new PolicyDefinition(
                p.source(),
                p.segment(),
                p.stage(),
                p.handoffStage(),
                p.firstContact(),
                p.attemptsRequired(),
                p.attemptWindow(),
                p.warningAt(),
                p.escalationDelay(),
                p.feedbackDeadline(),
                p.appliesTo(),
                c.isAlwaysOpen()
                        ? new Calendar(c.name(), true, null, null, null, null, null)
                        : new Calendar(
                                c.name(),
                                false,
                                c.zone().getId(),
                                List.copyOf(new TreeSet<>(c.workingDays())),
                                c.opens(),
                                c.closes(),
                                List.copyOf(new TreeSet<>(c.holidays()))));
    }

    public SlaPolicy toPolicy(String id, int version) {
        BusinessCalendar c = calendar.alwaysOpen()
                ? BusinessCalendar.alwaysOpen()
                : BusinessCalendar.of(
                        calendar.name(),
                        ZoneId.of(calendar.zone()),
                        Set.copyOf(calendar.workingDays()),
                        calendar.opens(),
                        calendar.closes(),
                        Set.copyOf(calendar.holidays()));
        return new SlaPolicy(
                id,
                version,
                source,
                segment,
                stage,
                handoffStage,
                firstContact,
                attemptsRequired,
                attemptWindow,
                warningAt,
                escalationDelay,
                feedbackDeadline,
                c,
                appliesTo);
    }
}
