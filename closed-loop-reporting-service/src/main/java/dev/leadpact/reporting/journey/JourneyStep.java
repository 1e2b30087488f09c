package dev.leadpact.reporting.journey;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One thing that happened to a lead. {@code type} is TOUCHPOINT, STAGE_REACHED (a touch that raised
 * the stage), OWNER_ASSIGNED, CONTACT_ATTEMPT, STATUS_CHANGED, SLA_WARNING / SLA_BREACH /
 * SLA_ESCALATION / SLA_RETRACTION / SLA_RESOLUTION, DEAL_WON or DEAL_LOST; the other columns are
 * filled where they apply.
 *
 * @param actor the rep, owner or whoever changed the status
 * @param outcome the attempt outcome, the new status, or the SLA rule
 * @param reference the deal id or the breach id
 */
public record JourneyStep(
        Instant occurredAt,
        String type,
        String eventId,
        String stage,
        String channel,
        String offer,
        String campaign,
        String source,
        String actor,
        String outcome,
        String reference,
        BigDecimal amount,
        String currency,
        Instant dueAt) {}
