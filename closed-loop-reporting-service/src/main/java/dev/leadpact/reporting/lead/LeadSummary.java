package dev.leadpact.reporting.lead;

import dev.leadpact.events.Segment;
import java.time.Instant;

/**
 * A lead's milestones, as the reports count them: one row of {@code lead_summary}, derived from the
 * lead's facts by {@link LeadHistory#summary}. A missing milestone is null and its flags are false.
 *
 * @param firstTouchAt the lead was created (its first conversion)
 * @param mql the first touch at MQL or higher
 * @param sql the first touch at SQL
 * @param sqlContactedInTime contacted since the SQL touch, with no standing first-contact breach
 * @param sqlFeedbackInTime an outcome (deal or give-up status) reported within the feedback deadline
 *     of the SQL touch
 * @param firstAttemptAt the first contact attempt
 * @param firstConnectAt the first attempt that reached the lead (connected, email replied)
 * @param meetingAt the first status MEETING_BOOKED
 * @param givenUpAt the first status UNREACHABLE
 * @param givenUpWithMinimum given up with no standing attempt-minimum breach
 * @param ownerId the latest assigned owner, else the first attempt's rep, else the deal owner
 * @param team the team of the latest owner assignment that names one
 */
public record LeadSummary(
        String leadId,
        Instant firstTouchAt,
        Qualified mql,
        Qualified sql,
        boolean sqlContactedInTime,
        boolean sqlFeedbackInTime,
        Instant firstAttemptAt,
        Instant firstConnectAt,
        Instant meetingAt,
        Instant givenUpAt,
        boolean givenUpWithMinimum,
        String ownerId,
        String team) {

    /**
     * When a lead first reached a stage, and how fast sales answered: from that touch to the first
     * contact attempt at or after it, in wall-clock seconds and in open seconds of the calendar of
     * the lead's policy for that segment and stage. Both are null while nobody called.
     *
     * @param segment and {@code source} (UTM source) of the qualifying touch
     */
    public record Qualified(Instant at, Segment segment, String source, Long responseSeconds, Long businessSeconds) {}

    /** A lead the reports know nothing of yet: it counts nowhere. */
    public static LeadSummary empty(String leadId) {
        return new LeadSummary(leadId, null, null, null, false, false, null, null, null, null, false, null, null);
    }
}
