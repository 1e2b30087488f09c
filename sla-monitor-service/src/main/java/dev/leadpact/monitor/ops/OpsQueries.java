package dev.leadpact.monitor.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.outbox.SlaEventRecord;
import dev.leadpact.monitor.policy.PolicyStore;
import dev.leadpact.monitor.rules.LeadSlaState;
import dev.leadpact.monitor.rules.PolicyVersions;
import dev.leadpact.monitor.tracking.LeadSlaRecord;
import dev.leadpact.monitor.tracking.SlaTracker;
import dev.leadpact.policy.SlaPolicy;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The read side for ops: timers, breaches, a lead, the policies. Reads only. */
@ApplicationScoped
public class OpsQueries {
    private final PolicyVersions policies;
    private final PolicyStore store;
    private final SlaTracker tracker;
    private final ObjectMapper json;

    OpsQueries(PolicyVersions policies, PolicyStore store, SlaTracker tracker, ObjectMapper json) {
        this.policies = policies;
        this.store = store;
        this.tracker = tracker;
        this.json = json;
    }

    /** Filters shared by the list endpoints; null means "any". */
    public record Filter(
            String leadId,
            String ownerId,
            Segment segment,
            Stage stage,
            SlaRule rule,
            SlaEventKind kind,
            Instant from,
            Instant to,
            int page,
            int size) {}

    @Transactional
    public OpsViews.Page<OpsViews.TimerView> timers(Filter f) {
        StringBuilder q = new StringBuilder("nextDueAt IS NOT NULL");
        Map<String, Object> params = new HashMap<>();
        common(f, q, params, "nextDueAt", "nextRule");
        PanacheQuery<LeadSlaRecord> query =
                LeadSlaRecord.find(q.toString(), Sort.by("nextDueAt").and("leadId"), params);
        List<OpsViews.TimerView> items = query.page(f.page(), f.size()).list().stream()
                .map(OpsQueries::timer)
                .collect(Collectors.toList());
        return new OpsViews.Page<>(items, f.page(), f.size(), query.count());
    }

    @Transactional
    public OpsViews.Page<OpsViews.BreachView> breaches(Filter f) {
        StringBuilder q = new StringBuilder("kind = :kind");
        Map<String, Object> params = new HashMap<>();
        params.put("kind", (f.kind() == null ? SlaEventKind.BREACH : f.kind()).name());
        common(f, q, params, "detectedAt", "rule");
        PanacheQuery<SlaEventRecord> query = SlaEventRecord.find(
                q.toString(), Sort.by("detectedAt", Sort.Direction.Descending).and("seq"), params);
        List<SlaEventRecord> rows = query.page(f.page(), f.size()).list();
        Map<String, Set<String>> followUps =
                followUps(rows.stream().map(r -> r.breachId).collect(Collectors.toSet()));
        List<OpsViews.BreachView> items = new ArrayList<>();
        for (SlaEventRecord row : rows) {
            Set<String> kinds = followUps.getOrDefault(row.breachId, Set.of());
            String status = kinds.contains("RETRACTION")
                    ? "RETRACTED"
                    : kinds.contains("RESOLUTION") ? "RESOLVED" : kinds.contains("ESCALATION") ? "ESCALATED" : "OPEN";
            items.add(new OpsViews.BreachView(parse(row.payload), status));
        }
        return new OpsViews.Page<>(items, f.page(), f.size(), query.count());
    }

    @Transactional
    public OpsViews.LeadView lead(String leadId) {
        LeadSlaRecord record = LeadSlaRecord.findById(leadId);
        if (record == null) {
            throw new ProblemMapper.NotFound("No SLA state for lead " + leadId);
        }
        LeadSlaState state = tracker.read(record);
        List<SlaEvent> history = SlaEventRecord.<SlaEventRecord>list("leadId", Sort.by("seq"), leadId).stream()
                .map(r -> parse(r.payload))
                .collect(Collectors.toList());
        return new OpsViews.LeadView(
                record.leadId,
                record.ownerId,
                record.segment == null ? null : Segment.valueOf(record.segment),
                record.stage == null ? null : Stage.valueOf(record.stage),
                record.nextDueAt == null ? null : timer(record),
                state.stages.size(),
                state.attempts.size(),
                !state.closes.isEmpty(),
                List.copyOf(state.openBreaches.values()),
                history);
    }

    /**
     * Every policy version in force: the configured ones, and earlier ones that still govern an open
     * lead's next timer, with how many open leads each governs (one count over the open timers).
     */
    @Transactional
    public List<OpsViews.PolicyView> policies() {
        Map<String, Long> openLeads = new HashMap<>();
        for (Object row : LeadSlaRecord.getEntityManager()
                .createNativeQuery("SELECT next_policy, count(*) FROM lead_sla_state"
                        + " WHERE next_due_at IS NOT NULL AND next_policy IS NOT NULL GROUP BY next_policy")
                .getResultList()) {
            Object[] cells = (Object[]) row;
            openLeads.put((String) cells[0], ((Number) cells[1]).longValue());
        }
        Set<String> current =
                policies.current().all().stream().map(SlaPolicy::versionedId).collect(Collectors.toSet());
        return store.load().values().stream()
                .filter(v -> current.contains(v.policy().versionedId())
                        || openLeads.containsKey(v.policy().versionedId()))
                .map(v -> policyView(
                        v,
                        current.contains(v.policy().versionedId()),
                        openLeads.getOrDefault(v.policy().versionedId(), 0L)))
                .collect(Collectors.toList());
    }

    private static OpsViews.PolicyView policyView(PolicyStore.StoredVersion stored, boolean current, long openLeads) {
        SlaPolicy p = stored.policy();
        return new OpsViews.PolicyView(
                p.id(),
                p.version(),
                p.source(),
                current,
                p.appliesTo(),
                stored.firstInForceAt().toInstant(),
                openLeads,
                p.segment(),
                p.stage(),
                p.handoffStage(),
                p.firstContact().toString(),
                p.attemptsRequired(),
                p.attemptWindow().toString(),
                p.warningAt(),
                p.escalationDelay().toString(),
                p.feedbackDeadline().toString(),
                p.calendar().name());
    }

    private static void common(Filter f, StringBuilder q, Map<String, Object> params, String time, String rule) {
        if (f.leadId() != null) {
            q.append(" AND leadId = :lead");
            params.put("lead", f.leadId());
        }
        if (f.ownerId() != null) {
            q.append(" AND ownerId = :owner");
            params.put("owner", f.ownerId());
        }
        if (f.segment() != null) {
            q.append(" AND segment = :segment");
            params.put("segment", f.segment().name());
        }
        if (f.stage() != null) {
            q.append(" AND stage = :stage");
            params.put("stage", f.stage().name());
        }
        if (f.rule() != null) {
            q.append(" AND ").append(rule).append(" = :rule");
            params.put("rule", f.rule().name());
        }
        if (f.from() != null) {
            q.append(" AND ").append(time).append(" >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            q.append(" AND ").append(time).append(" < :to");
            params.put("to", f.to());
        }
    }

    private static Map<String, Set<String>> followUps(Set<String> breachIds) {
        if (breachIds.isEmpty()) {
            return Map.of();
        }
        return SlaEventRecord.<SlaEventRecord>list("breachId IN ?1 AND kind <> 'BREACH'", breachIds).stream()
                .collect(Collectors.groupingBy(r -> r.breachId, Collectors.mapping(r -> r.kind, Collectors.toSet())));
    }

    private static OpsViews.TimerView timer(LeadSlaRecord r) {
        return new OpsViews.TimerView(
                r.leadId,
                r.ownerId,
                r.segment == null ? null : Segment.valueOf(r.segment),
                r.stage == null ? null : Stage.valueOf(r.stage),
                r.nextRule == null ? null : SlaRule.valueOf(r.nextRule),
                r.nextKind == null ? null : SlaEventKind.valueOf(r.nextKind),
                r.nextDueAt);
    }

    private SlaEvent parse(String payload) {
        try {
            return json.readValue(payload, SlaEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored SLA event is unreadable", e);
        }
    }
}
