package dev.leadpact.reporting.facts;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.ContactAttempt;
import dev.leadpact.events.ContactChannel;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.LeadStatusChanged;
import dev.leadpact.events.OwnerAssigned;
import dev.leadpact.events.SalesActivity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A sales activity from the CRM: a contact attempt, a status change or an owner assignment. */
@Entity
@Table(name = "sales_activity")
public class Activity extends PanacheEntityBase {

    /** Which kind of activity; the names are the {@code type} values of the event JSON. */
    public enum Type {
        CONTACT_ATTEMPT,
        STATUS_CHANGED,
        OWNER_ASSIGNED
    }

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "activity_type", nullable = false)
    public Type type;

    @Column(name = "rep_id")
    public String repId;

    @Enumerated(EnumType.STRING)
    @Column(name = "contact_channel")
    public ContactChannel contactChannel;

    @Enumerated(EnumType.STRING)
    public AttemptOutcome outcome;

    @Enumerated(EnumType.STRING)
    public LeadStatus status;

    public String reason;

    @Column(name = "owner_id")
    public String ownerId;

    @Column(name = "manager_id")
    public String managerId;

    public String team;

    static Activity of(SalesActivity event) {
        Activity a = new Activity();
        a.eventId = event.eventId();
        a.leadId = event.leadId();
        a.occurredAt = event.occurredAt();
        if (event instanceof ContactAttempt attempt) {
            a.type = Type.CONTACT_ATTEMPT;
            a.repId = attempt.repId();
            a.contactChannel = attempt.channel();
            a.outcome = attempt.outcome();
        } else if (event instanceof LeadStatusChanged change) {
            a.type = Type.STATUS_CHANGED;
            a.status = change.status();
            a.reason = change.reason();
            a.repId = change.changedBy();
        } else if (event instanceof OwnerAssigned assigned) {
            a.type = Type.OWNER_ASSIGNED;
            a.ownerId = assigned.ownerId();
            a.managerId = assigned.managerId();
            a.team = assigned.team();
        }
        return a;
    }
}
