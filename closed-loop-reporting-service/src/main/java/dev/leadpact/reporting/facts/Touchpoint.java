package dev.leadpact.reporting.facts;

import dev.leadpact.events.ConversionEvent;
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

    static Touchpoint of(ConversionEvent e) {
        Touchpoint t = new Touchpoint();
        t.eventId = e.eventId();
        t.leadId = e.leadId();
        t.occurredAt = e.occurredAt();
        t.stage = e.stage();
        t.segment = e.segment();
        t.journeyPhase = e.journeyPhase();
        t.offer = e.offer();
        t.formId = e.formId();
        t.channel = e.channel();
        if (e.utm() != null) {
            t.utmSource = e.utm().source();
            t.utmMedium = e.utm().medium();
            t.utmCampaign = e.utm().campaign();
            t.utmTerm = e.utm().term();
            t.utmContent = e.utm().content();
        }
        t.landingPage = e.landingPage();
        t.pageUrl = e.pageUrl();
        t.referrer = e.referrer();
        t.company = e.company();
        t.employees = e.employees();
        t.country = e.country();
        return t;
    }
}
