package dev.leadpact.intake;

import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.Topics;
import dev.leadpact.events.Utm;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Validates a conversion, resolves the lead, qualifies it and publishes it. */
@ApplicationScoped
public class ConversionIntake {

    private final IntakeConfig config;
    private final Qualification qualification;
    private final EventPublisher publisher;
    private final Clock clock;

    ConversionIntake(IntakeConfig config, EventPublisher publisher, Clock clock) {
        this.config = config;
        this.qualification = new Qualification(
                config.offers(), config.segments().midFrom(), config.segments().largeFrom());
        this.publisher = publisher;
        this.clock = clock;
    }

    /** The configured form, or a 404 problem. */
    public IntakeConfig.Form form(String formId) {
        IntakeConfig.Form form = config.forms().get(formId);
        if (form == null) {
            throw new ProblemException(
                    ProblemException.UNKNOWN_FORM,
                    "No form with id '" + formId + "' is configured; nothing was stored.",
                    List.of(new FieldError("formId", "is not a configured form")));
        }
        return form;
    }

    /**
     * @param formId the form posted to, or null for a JSON post (then {@code offer} is required)
     * @param idempotencyKey the client's key; the same key for the same lead gives the same event id
     */
    public Uni<AcceptedEvent> accept(ConversionRequest request, String formId, String idempotencyKey) {
        String offer = formId == null ? request.offer() : form(formId).offer();
        validate(request, offer, idempotencyKey);

        Qualification.Verdict verdict = qualification.qualify(offer, request.employees());
        String leadId = LeadIdentity.leadId(request.email(), request.crmLeadId());
        String submission = idempotencyKey != null ? idempotencyKey : request.submissionId();
        String eventId = submission == null
                ? UUID.randomUUID().toString()
                : LeadIdentity.eventId("conversion", leadId, submission);
        Instant occurredAt = request.occurredAt() == null ? clock.instant() : request.occurredAt();
        Utm utm = request.utm();

        ConversionEvent event = new ConversionEvent(
                eventId,
                leadId,
                occurredAt,
                submission,
                formId,
                offer.strip().toLowerCase(Locale.ROOT),
                verdict.stage(),
                verdict.segment(),
                verdict.journeyPhase(),
                LeadIdentity.normaliseEmail(request.email()),
                request.firstName(),
                request.lastName(),
                request.phone(),
                request.jobTitle(),
                request.company(),
                request.employees(),
                request.country() == null ? null : request.country().toUpperCase(Locale.ROOT),
                Channels.of(request.channel(), utm, request.referrer()),
                request.pageUrl(),
                request.landingPage(),
                request.referrer(),
                utm,
                request.crmLeadId());
        return publisher
                .publish(Topics.CONVERSIONS, event, CloudEventTypes.CONVERSION)
                .replaceWith(new AcceptedEvent(
                        eventId,
                        leadId,
                        Topics.CONVERSIONS,
                        verdict.stage(),
                        verdict.segment(),
                        verdict.journeyPhase()));
    }

    private void validate(ConversionRequest r, String offer, String idempotencyKey) {
        InputRules rules = new InputRules();
        rules.email("email", r.email());
        if (rules.required("offer", offer) && !qualification.knowsOffer(offer)) {
            rules.error("offer", "is not a configured offer");
        }
        rules.text("firstName", r.firstName(), InputRules.MAX_TEXT);
        rules.text("lastName", r.lastName(), InputRules.MAX_TEXT);
        rules.text("phone", r.phone(), 40);
        rules.text("jobTitle", r.jobTitle(), InputRules.MAX_TEXT);
        rules.text("company", r.company(), InputRules.MAX_TEXT);
        rules.range("employees", r.employees(), 0, 10_000_000);
        rules.country("country", r.country());
        rules.text("channel", r.channel(), 64);
        rules.url("pageUrl", r.pageUrl(), true);
        rules.url("landingPage", r.landingPage(), true);
        rules.url("referrer", r.referrer(), false);
        if (r.utm() != null) {
            rules.text("utm.source", r.utm().source(), InputRules.MAX_TEXT);
            rules.text("utm.medium", r.utm().medium(), InputRules.MAX_TEXT);
            rules.text("utm.campaign", r.utm().campaign(), InputRules.MAX_TEXT);
            rules.text("utm.term", r.utm().term(), InputRules.MAX_TEXT);
            rules.text("utm.content", r.utm().content(), InputRules.MAX_TEXT);
        }
        rules.eventTime("occurredAt", r.occurredAt(), clock);
        rules.text("submissionId", r.submissionId(), InputRules.MAX_TEXT);
        rules.text("Idempotency-Key", idempotencyKey, InputRules.MAX_TEXT);
        rules.id("crmLeadId", r.crmLeadId());
        rules.throwIfAny();
    }
}
