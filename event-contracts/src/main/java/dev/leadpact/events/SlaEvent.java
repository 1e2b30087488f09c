package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;

/**
 * An event on {@link Topics#SLA_BREACHES}: a warning, breach, escalation, retraction or resolution
 * of one rule. Fields that do not apply to a kind or rule are absent from the JSON.
 *
 * <p>One record is the wire format of every kind, so that a consumer reads one shape; it is built
 * through the factory of its kind ({@link #warning}, {@link #breach}, {@link #escalation}, {@link
 * #resolution}, {@link #retraction} for the lead rules, {@link #shortfallBreach} and {@link
 * #shortfallRetraction} for marketing's commitment), which set exactly the fields the kind has.
 *
 * @param breachId deterministic id of the breach this event is about (lead + rule + due time); the
 *     same breach never travels under two ids
 * @param kind {@link SlaEventKind#UNKNOWN} when the event is of a kind this reader does not know
 * @param rule {@link SlaRule#UNKNOWN} when the rule is one this reader does not know
 * @param leadId the lead; for {@link SlaRule#LEAD_VOLUME_SHORTFALL} the commitment's scope, as
 *     before {@code scope} existed (kept for the readers of that time; read {@code scope})
 * @param scope for {@link SlaRule#LEAD_VOLUME_SHORTFALL}: the commitment's scope, {@code
 *     team:<team>} or {@code segment:<SEGMENT>}; absent for the lead rules and from shortfalls
 *     written before it was added (see {@link #commitmentScope})
 * @param segment absent also when it is a segment this reader does not know
 * @param stage absent also when it is a stage this reader does not know
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

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        SlaEventKind kind,

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
        SlaRule rule,

        String leadId,
        String scope,
        String ownerId,
        String managerId,

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
        Segment segment,

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
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

    /**
     * What every event about one breach of a lead rule (all but {@link
     * SlaRule#LEAD_VOLUME_SHORTFALL}) says, whatever its kind.
     *
     * @param attemptsMade for the attempt minimum: attempts by the deadline, else absent
     * @param attemptsRequired for the attempt minimum: the policy's number, else absent
     */
    public record LeadBreach(
            String breachId,
            SlaRule rule,
            String leadId,
            String ownerId,
            String managerId,
            Segment segment,
            Stage stage,
            Instant dueAt,
            Integer attemptsMade,
            Integer attemptsRequired,
            String policyId,
            Integer policyVersion) {}

    /** A deadline of a lead rule is near. */
    public static SlaEvent warning(String eventId, LeadBreach breach, Instant detectedAt) {
        return ofLead(eventId, SlaEventKind.WARNING, breach, detectedAt, null, null);
    }

    /** A lead rule's deadline passed unmet; {@code lateBySeconds} is detection minus due. */
    public static SlaEvent breach(String eventId, LeadBreach breach, Instant detectedAt) {
        return ofLead(eventId, SlaEventKind.BREACH, breach, detectedAt, seconds(breach.dueAt(), detectedAt), null);
    }

    /** The breach is still open after the escalation delay; {@code lateBySeconds} as for the breach. */
    public static SlaEvent escalation(String eventId, LeadBreach breach, Instant detectedAt) {
        return ofLead(eventId, SlaEventKind.ESCALATION, breach, detectedAt, seconds(breach.dueAt(), detectedAt), null);
    }

    /**
     * The late first contact came at {@code contactedAt}: {@code lateBySeconds} is contact minus
     * due, {@code responseTimeSeconds} contact minus {@code clockStartedAt} (the stage rise).
     */
    public static SlaEvent resolution(
            String eventId, LeadBreach breach, Instant detectedAt, Instant clockStartedAt, Instant contactedAt) {
        return ofLead(
                eventId,
                SlaEventKind.RESOLUTION,
                breach,
                detectedAt,
                seconds(breach.dueAt(), contactedAt),
                seconds(clockStartedAt, contactedAt));
    }

    /** The retraction of this breach of a lead rule: the breach's facts, without its lateness. */
    public SlaEvent retraction(String eventId, Instant detectedAt) {
        return new SlaEvent(
                eventId,
                breachId,
                SlaEventKind.RETRACTION,
                rule,
                leadId,
                scope,
                ownerId,
                managerId,
                segment,
                stage,
                dueAt,
                detectedAt,
                null,
                attemptsMade,
                attemptsRequired,
                null,
                null,
                null,
                null,
                null,
                policyId,
                policyVersion);
    }

    /**
     * Marketing delivered less than was due at a checkpoint: the count that found it says what was
     * delivered and expected. {@code lateBySeconds} is the count's time minus the checkpoint.
     */
    public static SlaEvent shortfallBreach(String eventId, String breachId, CommitmentCheckpoint count) {
        return ofCount(
                eventId, breachId, SlaEventKind.BREACH, count, Math.max(0, seconds(count.dueAt(), count.countedAt())));
    }

    /** A recount of a short checkpoint found it met after all: the shortfall is retracted. */
    public static SlaEvent shortfallRetraction(String eventId, String breachId, CommitmentCheckpoint count) {
        return ofCount(eventId, breachId, SlaEventKind.RETRACTION, count, null);
    }

    /**
     * The scope of a {@link SlaRule#LEAD_VOLUME_SHORTFALL}: {@code scope}, or the {@code leadId}
     * of one written before {@code scope} existed; {@code null} for the lead rules.
     */
    @JsonIgnore
    public String commitmentScope() {
        if (scope != null) {
            return scope;
        }
        return rule == SlaRule.LEAD_VOLUME_SHORTFALL ? leadId : null;
    }

    /** The record's Kafka key: the lead, or the commitment's scope for a shortfall. */
    @JsonIgnore
    public String key() {
        String commitment = commitmentScope();
        return commitment != null ? commitment : leadId;
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return detectedAt;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.slaEvent(this);
    }

    private static SlaEvent ofLead(
            String eventId,
            SlaEventKind kind,
            LeadBreach b,
            Instant detectedAt,
            Long lateBySeconds,
            Long responseTimeSeconds) {
        return new SlaEvent(
                eventId,
                b.breachId(),
                kind,
                b.rule(),
                b.leadId(),
                null,
                b.ownerId(),
                b.managerId(),
                b.segment(),
                b.stage(),
                b.dueAt(),
                detectedAt,
                lateBySeconds,
                b.attemptsMade(),
                b.attemptsRequired(),
                responseTimeSeconds,
                null,
                null,
                null,
                null,
                b.policyId(),
                b.policyVersion());
    }

    private static SlaEvent ofCount(
            String eventId, String breachId, SlaEventKind kind, CommitmentCheckpoint count, Long lateBySeconds) {
        return new SlaEvent(
                eventId,
                breachId,
                kind,
                SlaRule.LEAD_VOLUME_SHORTFALL,
                count.scope(),
                count.scope(),
                null,
                null,
                count.segment(),
                null,
                count.dueAt(),
                count.countedAt(),
                lateBySeconds,
                null,
                null,
                null,
                count.team(),
                Math.toIntExact(count.delivered()),
                Math.toIntExact(count.expected()),
                Math.toIntExact(count.gap()),
                count.policyId(),
                count.policyVersion());
    }

    private static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).getSeconds();
    }
}
