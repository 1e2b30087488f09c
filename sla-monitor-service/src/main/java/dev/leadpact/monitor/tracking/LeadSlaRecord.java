package dev.leadpact.monitor.tracking;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A lead's stored SLA state and its one timer ({@code nextDueAt}, null when nothing is pending). */
@Entity
@Table(name = "lead_sla_state")
public class LeadSlaRecord extends PanacheEntityBase {
    @Id
    @Column(name = "lead_id")
    public String leadId;

    @Column(name = "owner_id")
    public String ownerId;

    public String segment;
    public String stage;

    /** {@link dev.leadpact.monitor.rules.LeadSlaState} as JSON. */
    @Column(nullable = false)
    public String state;

    @Column(name = "next_due_at")
    public Instant nextDueAt;

    @Column(name = "next_rule")
    public String nextRule;

    @Column(name = "next_kind")
    public String nextKind;

    /** The policy version behind the next timer, {@code id@version}. */
    @Column(name = "next_policy")
    public String nextPolicy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
