package dev.leadpact.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * Signed CRM webhooks. The body is read raw, because the signature covers its exact bytes.
 * Every endpoint answers 202 once Kafka acknowledged the event, 401 for a missing, wrong, expired
 * or replayed signature, 400/422 for bad input.
 */
@Path("/webhooks/crm")
@Tag(name = "CRM webhooks")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "202", description = "On the topic: Kafka acknowledged it")
@APIResponse(responseCode = "401", description = "Missing, wrong, expired or replayed signature")
@APIResponse(responseCode = "422", description = "Missing or invalid fields")
@APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time; retry later")
public class CrmWebhookResource {

    private final CrmWebhooks webhooks;
    private final MeterRegistry registry;

    CrmWebhookResource(CrmWebhooks webhooks, MeterRegistry registry) {
        this.webhooks = webhooks;
        this.registry = registry;
    }

    @POST
    @Path("/contact-attempts")
    @Operation(summary = "A sales rep tried to reach a lead (to sales.activities.v1)")
    @RequestBody(content = @Content(schema = @Schema(implementation = CrmWebhookPayloads.ContactAttemptPayload.class)))
    public Uni<Response> contactAttempt(
            @RestHeader(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
            @RestHeader(WebhookSignature.SIGNATURE_HEADER) String signature,
            byte[] body) {
        return accepted("contact-attempt", webhooks.contactAttempt(timestamp, signature, body));
    }

    @POST
    @Path("/status-changes")
    @Operation(summary = "A lead's CRM status changed (to sales.activities.v1)")
    @RequestBody(content = @Content(schema = @Schema(implementation = CrmWebhookPayloads.StatusChangePayload.class)))
    public Uni<Response> statusChange(
            @RestHeader(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
            @RestHeader(WebhookSignature.SIGNATURE_HEADER) String signature,
            byte[] body) {
        return accepted("status-change", webhooks.statusChange(timestamp, signature, body));
    }

    @POST
    @Path("/owner-assignments")
    @Operation(summary = "A lead got an owner (to sales.activities.v1)")
    @RequestBody(content = @Content(schema = @Schema(implementation = CrmWebhookPayloads.OwnerAssignmentPayload.class)))
    public Uni<Response> ownerAssignment(
            @RestHeader(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
            @RestHeader(WebhookSignature.SIGNATURE_HEADER) String signature,
            byte[] body) {
        return accepted("owner-assignment", webhooks.ownerAssignment(timestamp, signature, body));
    }

    @POST
    @Path("/deals")
    @Operation(summary = "A deal closed, won or lost (to deals.closed.v1)")
    @RequestBody(content = @Content(schema = @Schema(implementation = CrmWebhookPayloads.DealPayload.class)))
    public Uni<Response> deal(
            @RestHeader(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
            @RestHeader(WebhookSignature.SIGNATURE_HEADER) String signature,
            byte[] body) {
        return accepted("deal", webhooks.deal(timestamp, signature, body));
    }

    @POST
    @Path("/erasures")
    @Operation(
            summary = "Erase a lead's personal data everywhere (GDPR Art. 17; to leads.erasures.v1)",
            description = "By lead id, or by email for leads whose id the intake derived from it. The monitor"
                    + " and the reporting service replace the lead's id with a random pseudonym and drop its"
                    + " personal fields; counts, sums and durations stay as they were. See the README, Erasure.")
    @RequestBody(content = @Content(schema = @Schema(implementation = CrmWebhookPayloads.ErasurePayload.class)))
    public Uni<Response> erasure(
            @RestHeader(WebhookSignature.TIMESTAMP_HEADER) String timestamp,
            @RestHeader(WebhookSignature.SIGNATURE_HEADER) String signature,
            byte[] body) {
        return accepted("erasure", webhooks.erasure(timestamp, signature, body));
    }

    private Uni<Response> accepted(String kind, Uni<AcceptedEvent> published) {
        return published.map(accepted -> {
            registry.counter("leadpact.intake.accepted", "kind", kind).increment();
            return Response.accepted(accepted).build();
        });
    }
}
