package dev.leadpact.reporting.compliance;

import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.facts.Touchpoint;
import dev.leadpact.reporting.lead.LeadHistories;
import dev.leadpact.reporting.lead.LeadHistory;
import dev.leadpact.reporting.period.DateRange;
import dev.leadpact.reporting.period.ReportPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** SLA compliance from the breach stream of sla-monitor-service. */
@ApplicationScoped
public class SlaCompliance {
    static final String NONE = "(none)";

    private final LeadHistories histories;

    SlaCompliance(LeadHistories histories) {
        this.histories = histories;
    }

    /** Breaches due in the range, grouped; {@code rule} narrows to one rule when given. */
    public BreachReport breaches(BreachGrouping grouping, SlaRule rule, DateRange range) {
        Map<String, Breach> byId = breachesDue(range, rule);
        // sorted by group value: rules and owners alphabetically, weeks and months in time order
        Map<String, long[]> groups = new TreeMap<>();
        for (Breach b : byId.values()) {
            long[] c = groups.computeIfAbsent(groupOf(b, grouping, range), g -> new long[4]);
            c[0]++;
            if (b.retracted) {
                c[1]++;
            } else {
                c[2]++;
                if (b.escalated) {
                    c[3]++;
                }
            }
        }
        List<BreachRow> rows = new ArrayList<>();
        groups.forEach((g, c) -> rows.add(new BreachRow(g, c[0], c[1], c[2], c[3])));
        return new BreachReport(
                grouping.name().toLowerCase(Locale.ROOT),
                rule == null ? null : rule.name(),
                range.from(),
                range.to(),
                range.zone().getId(),
                rows);
    }

    public ComplianceReport compliance(ReportPeriod period, DateRange range) {
        Set<String> leadIds = new HashSet<>();
        leadIds.addAll(histories.leadIds(
                Touchpoint.class,
                "e.stage in ?1 and e.occurredAt >= ?2 and e.occurredAt < ?3",
                List.of(Stage.MQL, Stage.SQL),
                range.start(),
                range.end()));
        leadIds.addAll(histories.leadIds(
                Activity.class,
                "e.status = ?1 and e.occurredAt >= ?2 and e.occurredAt < ?3",
                LeadStatus.UNREACHABLE,
                range.start(),
                range.end()));
        TreeMap<LocalDate, long[]> buckets = new TreeMap<>();
        for (LocalDate b = period.bucketOf(range.from()); !b.isAfter(range.to()); b = period.nextBucket(b)) {
            buckets.put(b, new long[7]);
        }
        for (LeadHistory lead : histories.load(leadIds).values()) {
            lead.firstTouchAtLeast(Stage.SQL)
                    .filter(t -> range.contains(t.occurredAt))
                    .ifPresent(sql -> {
                        long[] c = buckets.get(period.bucketOf(sql.occurredAt, range.zone()));
                        c[0]++;
                        boolean contacted =
                                lead.firstAttemptSince(sql.occurredAt).isPresent();
                        if (contacted
                                && lead.standingBreaches(SlaRule.FIRST_CONTACT_OVERDUE)
                                        .isEmpty()) {
                            c[1]++;
                        }
                    });
            lead.firstTouchAtLeast(Stage.MQL)
                    .filter(t -> range.contains(t.occurredAt))
                    .ifPresent(mql -> buckets.get(period.bucketOf(mql.occurredAt, range.zone()))[5]++);
            lead.firstStatus(LeadStatus.UNREACHABLE)
                    .filter(a -> range.contains(a.occurredAt))
                    .ifPresent(givenUp -> {
                        long[] c = buckets.get(period.bucketOf(givenUp.occurredAt, range.zone()));
                        c[2]++;
                        if (lead.standingBreaches(SlaRule.ATTEMPT_MINIMUM_MISSED)
                                .isEmpty()) {
                            c[3]++;
                        }
                    });
        }
        for (Breach b : breachesDue(range, null).values()) {
            if (!b.retracted) {
                long[] c = buckets.get(period.bucketOf(b.dueAt, range.zone()));
                c[4]++;
                if (b.rule == SlaRule.LEAD_VOLUME_SHORTFALL) {
                    c[6]++;
                }
            }
        }
        List<ComplianceRow> rows = new ArrayList<>();
        buckets.forEach((start, c) -> rows.add(new ComplianceRow(
                start, c[0], c[1], Ratios.of(c[1], c[0]), c[2], c[3], Ratios.of(c[3], c[2]), c[4], c[5], c[6])));
        return new ComplianceReport(
                period.id(), range.from(), range.to(), range.zone().getId(), rows);
    }

    /** Breaches (by breach id) whose due time, or detection time when none, is in the range. */
    private static Map<String, Breach> breachesDue(DateRange range, SlaRule rule) {
        List<SlaRecord> events = SlaRecord.list(
                "kind in ?1 and coalesce(dueAt, detectedAt) >= ?2 and coalesce(dueAt, detectedAt) < ?3",
                List.of(SlaEventKind.BREACH, SlaEventKind.RETRACTION, SlaEventKind.ESCALATION),
                range.start(),
                range.end());
        Map<String, Breach> byId = new HashMap<>();
        Set<String> retracted = new HashSet<>();
        Set<String> escalated = new HashSet<>();
        for (SlaRecord e : events) {
            if (rule != null && e.rule != rule) {
                continue;
            }
            switch (e.kind) {
                case BREACH -> byId.putIfAbsent(e.breachId, new Breach(e));
                case RETRACTION -> retracted.add(e.breachId);
                case ESCALATION -> escalated.add(e.breachId);
                default -> {}
            }
        }
        byId.values().forEach(b -> {
            b.retracted = retracted.contains(b.breachId);
            b.escalated = escalated.contains(b.breachId);
        });
        return byId;
    }

    private static String groupOf(Breach b, BreachGrouping grouping, DateRange range) {
        String value =
                switch (grouping) {
                    case RULE -> b.rule.name();
                    case OWNER -> b.ownerId;
                    case SEGMENT -> b.segment;
                    case WEEK ->
                        ReportPeriod.WEEK.bucketOf(b.dueAt, range.zone()).toString();
                    case MONTH ->
                        ReportPeriod.MONTH.bucketOf(b.dueAt, range.zone()).toString();
                };
        return value == null ? NONE : value;
    }

    private static final class Breach {
        final String breachId;
        final SlaRule rule;
        final String ownerId;
        final String segment;
        final Instant dueAt;
        boolean retracted;
        boolean escalated;

        Breach(SlaRecord e) {
            breachId = e.breachId;
            rule = e.rule;
            ownerId = e.ownerId;
            segment = e.segment == null ? null : e.segment.name();
            dueAt = e.dueAt == null ? e.detectedAt : e.dueAt;
        }
    }
}
