package dev.leadpact.reporting.facts;

import dev.leadpact.events.DealOutcome;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A closed deal: its latest close (see {@link FactStore#upsertDeals}); kept even when its lead has no
 * touchpoint yet.
 */
@Entity
@Table(name = "deal")
public class Deal extends PanacheEntityBase {
    @Id
    @Column(name = "deal_id")
    public String dealId;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DealOutcome outcome;

    @Column(nullable = false)
    public BigDecimal amount;

    public String currency;

    @Column(name = "closed_at", nullable = false)
    public Instant closedAt;

    @Column(name = "owner_id")
    public String ownerId;
}
