package dev.leadpact.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.CloudEventTypes;
import dev.leadpact.events.ContactAttempt;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadErased;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.LeadStatusChanged;
import dev.leadpact.events.OwnerAssigned;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.Topics;
import dev.leadpact.intake.CrmWebhookPayloads.ContactAttemptPayload;
import dev.leadpact.intake.CrmWebhookPayloads.DealPayload;
import dev.leadpact.intake.CrmWebhookPayloads.ErasurePayload;
import dev.leadpact.intake.CrmWebhookPayloads.OwnerAssignmentPayload;
import dev.leadpact.intake.CrmWebhookPayloads.StatusChangePayload;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/** Verifies, reads, validates and publishes CRM webhooks. */
@ApplicationScoped
public class CrmWebhooks {

    private final WebhookSignature signature;
    private final ReplayGuard replays;
    private final ObjectMapper json;
    private final EventPublisher publisher;
    private final Clock clock;

    CrmWebhooks(IntakeConfig config, ObjectMapper json, EventPublisher publisher, Clock clock) {
        this.signature = new WebhookSignature(
                config.webhooks().secret(), config.webhooks().window());
        this.replays = new ReplayGuard(config.webhooks().window());
        this.json = json;
        this.publisher = publisher;
        this.clock = clock;
    }

    public Uni<AcceptedEvent> contactAttempt(String timestamp, String sig, byte[] body) {
        return handle(timestamp, sig, body, ContactAttemptPayload.class, p -> {
            InputRules rules = common(p.id(), p.leadId(), p.email(), "occurredAt", p.occurredAt());
            rules.required("repId", p.repId());
            rules.id("repId", p.repId());
            rules.required("channel", p.channel());
            rules.required("outcome", p.outcome());
            if (p.outcome() == AttemptOutcome.UNKNOWN) {
                // a reader's name for values added after it; a CRM never sends it
                rules.error("outcome", "is not an outcome");
            }
            rules.multiline("note", p.note());
            rules.throwIfAny();
            return new ContactAttempt(
                    eventId("contact-attempt", p.id()),
                    leadId(p.leadId(), p.email()),
                    p.occurredAt(),
                    p.repId(),
                    p.channel(),
                    p.outcome(),
                    p.note());
        });
    }

    public Uni<AcceptedEvent> statusChange(String timestamp, String sig, byte[] body) {
        return handle(timestamp, sig, body, StatusChangePayload.class, p -> {
            InputRules rules = common(p.id(), p.leadId(), p.email(), "occurredAt", p.occurredAt());
            rules.required("status", p.status());
            if (p.status() == LeadStatus.UNKNOWN) {
                rules.error("status", "is not a status");
            }
            rules.multiline("reason", p.reason());
            rules.id("changedBy", p.changedBy());
            rules.throwIfAny();
            return new LeadStatusChanged(
                    eventId("status-change", p.id()),
                    leadId(p.leadId(), p.email()),
                    p.occurredAt(),
                    p.status(),
                    p.reason(),
                    p.changedBy());
        });
    }

    public Uni<AcceptedEvent> ownerAssignment(String timestamp, String sig, byte[] body) {
        return handle(timestamp, sig, body, OwnerAssignmentPayload.class, p -> {
            InputRules rules = common(p.id(), p.leadId(), p.email(), "occurredAt", p.occurredAt());
            rules.required("ownerId", p.ownerId());
            rules.id("ownerId", p.ownerId());
            rules.id("managerId", p.managerId());
            rules.id("team", p.team());
            rules.throwIfAny();
            return new OwnerAssigned(
                    eventId("owner-assignment", p.id()),
                    leadId(p.leadId(), p.email()),
                    p.occurredAt(),
                    p.ownerId(),
                    p.managerId(),
                    p.team());
        });
    }

    public Uni<AcceptedEvent> deal(String timestamp, String sig, byte[] body) {
        return handle(timestamp, sig, body, DealPayload.class, p -> {
            String id = p.id() == null ? p.dealId() : p.id();
            InputRules rules = common(id, p.leadId(), p.email(), "closedAt", p.closedAt());
            rules.required("dealId", p.dealId());
            rules.id("dealId", p.dealId());
            rules.required("outcome", p.outcome());
            if (p.outcome() == DealOutcome.WON) {
                rules.required("amount", p.amount());
            }
            if (p.amount() != null && (p.amount().signum() < 0 || p.amount().scale() > 4)) {
                rules.error("amount", "must be zero or more, with at most 4 decimals");
            }
            if (p.amount() != null && rules.required("currency", p.currency()) && !isCurrency(p.currency())) {
                rules.error("currency", "must be an ISO 4217 code such as EUR");
            }
            rules.id("ownerId", p.ownerId());
            rules.throwIfAny();
            return new DealClosed(
                    eventId("deal", id),
                    p.dealId(),
                    leadId(p.leadId(), p.email()),
                    p.outcome(),
                    p.amount(),
                    p.currency() == null ? null : p.currency().toUpperCase(Locale.ROOT),
                    p.closedAt(),
                    p.ownerId());
        });
    }

    /**
     * An erasure request: the lead by id or by email (its id derived as for conversions), published
     * with the intake's time, up to which the services erase the lead's facts.
     */
    public Uni<AcceptedEvent> erasure(String timestamp, String sig, byte[] body) {
        return signed(timestamp, sig, body, () -> {
            ErasurePayload p = read(body, ErasurePayload.class);
            InputRules rules = lead(p.id(), p.leadId(), p.email());
            if (p.leadId() != null && p.email() != null) {
                rules.error("email", "give the lead id or the email, not both");
            }
            rules.throwIfAny();
            LeadErased erasure =
                    new LeadErased(eventId("erasure", p.id()), leadId(p.leadId(), p.email()), clock.instant(), p.id());
            return publisher
                    .publish(
                            Topics.LEAD_ERASURES,
                            erasure,
                            erasure.eventId(),
                            erasure.leadId(),
                            erasure.occurredAt(),
                            CloudEventTypes.LEAD_ERASED)
                    .replaceWith(AcceptedEvent.of(erasure.eventId(), erasure.leadId(), Topics.LEAD_ERASURES));
        });
    }

    private <P> Uni<AcceptedEvent> handle(
            String timestamp, String sig, byte[] body, Class<P> type, Function<P, LeadEvent> toEvent) {
        return signed(timestamp, sig, body, () -> {
            LeadEvent event = toEvent.apply(read(body, type));
            String topic = event instanceof SalesActivity ? Topics.SALES_ACTIVITIES : Topics.DEALS_CLOSED;
            String ceType = event instanceof SalesActivity activity
                    ? CloudEventTypes.of(activity)
                    : CloudEventTypes.DEAL_CLOSED;
            return publisher
                    .publish(topic, event, ceType)
                    .replaceWith(AcceptedEvent.of(event.eventId(), event.leadId(), topic));
        });
    }

    /**
     * Checks the signature and that it is used for the first time, then publishes; a request that
     * is refused or not published may be sent again with the same signature.
     */
    private Uni<AcceptedEvent> signed(String timestamp, String sig, byte[] body, Supplier<Uni<AcceptedEvent>> publish) {
        Instant now = clock.instant();
        signature.reject(timestamp, sig, body, now).ifPresent(why -> {
            throw unauthorized(why);
        });
        if (!replays.firstTime(sig, now)) {
            throw unauthorized("this signature was already used: a replay");
        }
        try {
            return publish.get().onFailure().invoke(() -> replays.forget(sig));
        } catch (RuntimeException e) {
            replays.forget(sig);
            throw e;
        }
    }

    private <P> P read(byte[] body, Class<P> type) {
        try {
            P payload = json.readValue(body, type);
            if (payload == null) {
                throw ProblemException.malformed(null, null);
            }
            return payload;
        } catch (JsonProcessingException e) {
            throw ProblemMapper.fromJackson(e);
        } catch (IOException e) {
            throw ProblemException.malformed(null, null);
        }
    }

    private InputRules common(String id, String leadId, String email, String timeField, Instant time) {
        InputRules rules = lead(id, leadId, email);
        if (rules.required(timeField, time)) {
            rules.eventTime(timeField, time, clock);
        }
        return rules;
    }

    /** The CRM's id of the event, and the lead by id or email. */
    private static InputRules lead(String id, String leadId, String email) {
        InputRules rules = new InputRules();
        rules.required("id", id);
        rules.text("id", id, InputRules.MAX_TEXT);
        if (leadId == null && email == null) {
            rules.error("leadId", "is required (or give the lead's email)");
        }
        rules.id("leadId", leadId);
        if (leadId == null && email != null) {
            rules.email("email", email);
        }
        return rules;
    }

    private static String leadId(String leadId, String email) {
        return leadId != null ? leadId : LeadIdentity.leadId(email, null);
    }

    private static String eventId(String kind, String crmId) {
        return LeadIdentity.eventId("crm", kind, crmId);
    }

    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code.toUpperCase(Locale.ROOT));
            return code.length() == 3;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProblemException unauthorized(String why) {
        return new ProblemException(ProblemException.SIGNATURE, why + "; nothing was stored.", List.of());
    }
}
