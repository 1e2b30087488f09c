package dev.leadpact.reporting.facts;

import dev.leadpact.events.JourneyPhase;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A conversion, as a marketing touchpoint. */
@Entity
@Table(name = "touchpoint")
public class Touchpoint extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "lead_id", nullable = false)
    public String leadId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Enumerated(EnumType.STRING)
    public Stage stage;

    @Enumerated(EnumType.STRING)
    public Segment segment;

    @Enumerated(EnumType.STRING)
    @Column(name = "journey_phase")
    public JourneyPhase journeyPhase;

    public String offer;

    @Column(name = "form_id")
    public String formId;

    public String channel;

    @Column(name = "utm_source")
    public String utmSource;

    @Column(name = "utm_medium")
    public String utmMedium;

    @Column(name = "utm_campaign")
    public String utmCampaign;

    @Column(name = "utm_term")
    public String utmTerm;

    @Column(name = "utm_content")
    public String utmContent;

    @Column(name = "landing_page")
    public String landingPage;

    @Column(name = "page_url")
    public String pageUrl;

    public String referrer;
    public String company;
    public Integer employees;
    public String country;
}
