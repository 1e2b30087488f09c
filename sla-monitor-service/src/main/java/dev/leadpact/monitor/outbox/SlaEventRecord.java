package dev.leadpact.monitor.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An emitted SLA event: outbox row until published, history afterwards. */
@Entity
@Table(name = "sla_event")
public class SlaEventRecord extends PanacheEntityBase {
    @Id
    public Long seq;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "breach_id")
    public String breachId;

    public String kind;
    public String rule;

    @Column(name = "lead_id")
    public String leadId;

    @Column(name = "owner_id")
    public String ownerId;

    public String segment;
    public String stage;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "detected_at")
    public Instant detectedAt;

    public String payload;

    @Column(name = "published_at")
    public Instant publishedAt;
}
