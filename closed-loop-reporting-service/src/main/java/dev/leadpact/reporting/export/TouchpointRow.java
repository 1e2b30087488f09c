package dev.leadpact.reporting.export;

import java.time.Instant;

/** A stored conversion as exported; no personal data. */
public record TouchpointRow(
        String eventId,
        String leadId,
        Instant occurredAt,
        String stage,
        String segment,
        String journeyPhase,
        String offer,
        String formId,
        String channel,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String utmTerm,
        String utmContent,
        String landingPage,
        String referrer,
        String company,
        Integer employees,
        String country) {}
