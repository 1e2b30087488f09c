package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An event on {@link Topics#MARKETING_COMMITMENTS}: one count of one pacing checkpoint of
 * marketing's lead commitment, exactly as sla-monitor-service made it and lists it in
 * {@code GET /sla/commitments}. A checkpoint is counted when it falls due and again whenever late
 * facts change what was delivered before it; every count is a new event, and the one with the
 * latest {@code countedAt} (then {@code eventId}) is the checkpoint's standing. Keyed by
 * {@code scope}.
 *
 * @param eventId unique per count (scope, due time and count time)
 * @param scope {@code team:<team>} or {@code segment:<SEGMENT>}
 * @param team the team of a team scope
 * @param segment the segment of a segment scope
 * @param monthStart start of the month the checkpoint counts, in the commitment's time zone
 * @param dueAt the checkpoint
 * @param monthEnd whether this is the month's end, i.e. the month's verdict
 * @param countedAt when this count was made (the event time)
 * @param reps the scope's reps at the checkpoint
 * @param target the month's target: reps times qualified leads per rep
 * @param expected qualified leads due by the checkpoint, pro rata of the month
 * @param delivered qualified leads delivered in the month before the checkpoint
 * @param gap {@code max(0, expected - delivered)}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommitmentCheckpoint(
        String eventId,
        String scope,
        String team,

        @JsonFormat(with = JsonFormat.Feature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
        Segment segment,

        Instant monthStart,
        Instant dueAt,
        boolean monthEnd,
        Instant countedAt,
        int reps,
        long target,
        long expected,
        long delivered,
        long gap,
        CheckpointVerdict verdict,
        String policyId,
        Integer policyVersion) {}
