package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An event on {@link Topics#SLA_BREACHES}: a warning, breach, escalation, retraction or resolution
 * of one rule. Fields that do not apply to a kind or rule are absent from the JSON.
 *
 * @param breachId deterministic id of the breach this event is about (lead + rule + due time); the
 *     same breach never travels under two ids
 * @param leadId the lead, or for {@link SlaRule#LEAD_VOLUME_SHORTFALL} the commitment's scope:
 *     {@code team:<team>} or {@code segment:<SEGMENT>}
 * @param detectedAt when the monitor saw it (the event time)
 * @param lateBySeconds how late (detected or resolved minus due), for breaches and resolutions
 * @param responseTimeSeconds for a resolution: conversion to first contact
 * @param delivered for a lead volume shortfall: qualified leads delivered so far
 * @param expected for a lead volume shortfall: leads committed pro rata at this checkpoint
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SlaEvent(
        String eventId,
        String breachId,
        SlaEventKind kind,
        SlaRule rule,
        String leadId,
        String ownerId,
        String managerId,
        Segment segment,
        Stage stage,
        Instant dueAt,
        Instant detectedAt,
        Long lateBySeconds,
        Integer attemptsMade,
        Integer attemptsRequired,
        Long responseTimeSeconds,
        String team,
        Integer delivered,
        Integer expected,
        Integer gap,
        String policyId,
        Integer policyVersion)
        implements LeadEvent {

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return detectedAt;
    }
}
