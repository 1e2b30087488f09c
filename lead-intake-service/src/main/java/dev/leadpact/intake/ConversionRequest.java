package dev.leadpact.intake;

import dev.leadpact.events.Utm;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A website conversion as a script, tag manager or HTML form sends it. Only email and offer are required. */
@Schema(
        name = "Conversion",
        description = "A website conversion. Only email and offer (or a configured form) are required.")
public record ConversionRequest(
        @Schema(required = true, examples = "ada.lovelace@example.com")
        String email,

        @Schema(description = "Configured offer name", examples = "demo-request")
        String offer,

        String firstName,
        String lastName,
        String phone,
        String jobTitle,
        String company,

        @Schema(description = "Company size; decides the segment", examples = "240")
        Integer employees,

        @Schema(description = "ISO 3166 two-letter code", examples = "GB")
        String country,

        @Schema(description = "Marketing channel; derived from UTM and referrer when absent", examples = "paid-search")
        String channel,

        String pageUrl,
        String landingPage,
        String referrer,
        Utm utm,

        @Schema(description = "When it happened (ISO-8601); defaults to receipt time")
        Instant occurredAt,

        @Schema(description = "The client's submission id; same id, same event id")
        String submissionId,

        @Schema(description = "The CRM's lead id, when known; then it is the lead id")
        String crmLeadId) {}
