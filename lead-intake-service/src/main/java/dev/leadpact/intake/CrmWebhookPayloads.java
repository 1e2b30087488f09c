package dev.leadpact.intake;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.ContactChannel;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadStatus;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bodies of the CRM webhooks. Each carries the CRM's own id for the event ({@code id}; a retry
 * with the same id is the same LeadPact event) and the lead, by LeadPact/CRM lead id or by email.
 */
final class CrmWebhookPayloads {
    private CrmWebhookPayloads() {}

    @Schema(name = "ContactAttemptWebhook")
    record ContactAttemptPayload(
            @Schema(required = true, description = "The CRM's id of this activity")
            String id,

            @Schema(description = "Lead id; or give email") String leadId,
            String email,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) String repId,
            @Schema(required = true) ContactChannel channel,
            @Schema(required = true) AttemptOutcome outcome,
            String note) {}

    @Schema(name = "StatusChangeWebhook")
    record StatusChangePayload(
            @Schema(required = true) String id,
            String leadId,
            String email,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) LeadStatus status,
            String reason,
            String changedBy) {}

    @Schema(name = "OwnerAssignmentWebhook")
    record OwnerAssignmentPayload(
            @Schema(required = true) String id,
            String leadId,
            String email,
            @Schema(required = true) Instant occurredAt,
            @Schema(required = true) String ownerId,
            String managerId,
            String team) {}

    @Schema(name = "DealClosedWebhook")
    record DealPayload(
            @Schema(description = "The CRM's id of this event; defaults to the deal id")
            String id,

            @Schema(required = true) String dealId,
            String leadId,
            String email,
            @Schema(required = true) DealOutcome outcome,

            @Schema(description = "Required for won deals", examples = "24000.00")
            BigDecimal amount,

            @Schema(description = "ISO 4217", examples = "EUR")
            String currency,

            @Schema(required = true) Instant closedAt,
            String ownerId) {}

    @Schema(name = "ErasureRequest")
    record ErasurePayload(
            @Schema(
                    required = true,
                    description = "Your id of the request (a ticket): a retry with it is the same erasure")
            String id,

            @Schema(description = "The lead id (the CRM's, if conversions carry crmLeadId); or give email")
            String leadId,

            String email) {}
}
