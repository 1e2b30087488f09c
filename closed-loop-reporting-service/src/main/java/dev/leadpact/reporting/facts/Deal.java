package dev.leadpact.reporting.facts;

import dev.leadpact.events.DealClosed;
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

/** A closed deal; kept even when its lead has no touchpoint yet. */
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

    /** Whether {@code event} is a later close of this deal than the one stored. */
    boolean isSupersededBy(DealClosed event) {
        int byTime = event.closedAt().compareTo(closedAt);
        return byTime > 0 || (byTime == 0 && event.eventId().compareTo(eventId) > 0);
    }

    void apply(DealClosed e) {
        dealId = e.dealId();
        eventId = e.eventId();
        leadId = e.leadId();
        outcome = e.outcome();
        amount = e.amount() == null ? BigDecimal.ZERO : e.amount();
        currency = e.currency();
        closedAt = e.closedAt();
        ownerId = e.ownerId();
    }
}
