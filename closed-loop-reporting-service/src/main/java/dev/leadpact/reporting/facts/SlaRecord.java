package dev.leadpact.reporting.facts;

import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event of the SLA stream (warning, breach, escalation, retraction, resolution). */
@Entity
@Table(name = "sla_event")
public class SlaRecord extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "breach_id", nullable = false)
    public String breachId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SlaEventKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SlaRule rule;

    /** The lead; for a {@code LEAD_VOLUME_SHORTFALL} the commitment's scope ({@link #scope}). */
    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "manager_id")
    public String managerId;

    @Enumerated(EnumType.STRING)
    public Segment segment;

    @Enumerated(EnumType.STRING)
    public Stage stage;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(name = "late_by_seconds")
    public Long lateBySeconds;

    @Column(name = "attempts_made")
    public Integer attemptsMade;

    @Column(name = "attempts_required")
    public Integer attemptsRequired;

    @Column(name = "response_time_seconds")
    public Long responseTimeSeconds;

    public String team;

    /** Lead volume shortfall: qualified leads delivered, committed pro rata, and the difference. */
    public Integer delivered;

    public Integer expected;
    public Integer gap;

    @Column(name = "policy_id")
    public String policyId;

    @Column(name = "policy_version")
    public Integer policyVersion;

    /** A shortfall's scope ({@code team:<team>}, {@code segment:<SEGMENT>}), stored as its key; else null. */
    public String scope() {
        return rule == SlaRule.LEAD_VOLUME_SHORTFALL ? leadId : null;
    }

    public static SlaRecord of(SlaEvent e) {
        SlaRecord r = new SlaRecord();
        r.eventId = e.eventId();
        r.breachId = e.breachId();
        r.kind = e.kind();
        r.rule = e.rule();
        r.leadId = e.key();
        r.ownerId = e.ownerId();
        r.managerId = e.managerId();
        r.segment = e.segment();
        r.stage = e.stage();
        r.dueAt = e.dueAt();
        r.detectedAt = e.detectedAt();
        r.lateBySeconds = e.lateBySeconds();
        r.attemptsMade = e.attemptsMade();
        r.attemptsRequired = e.attemptsRequired();
        r.responseTimeSeconds = e.responseTimeSeconds();
        r.team = e.team();
        r.delivered = e.delivered();
        r.expected = e.expected();
        r.gap = e.gap();
        r.policyId = e.policyId();
        r.policyVersion = e.policyVersion();
        return r;
    }
}
