package dev.leadpact.monitor.rules;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the rules need to know about one lead, in event time: the facts seen so far (each
 * with the event id that brought it, so a duplicate adds nothing) and what was already emitted.
 * Stored as JSON in one row per lead; the rules recompute every verdict from it. Empty lists and
 * maps are left out of that document (most leads never give up, close or breach): a tenth of an
 * open timer's bytes, and a missing one reads back as empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class LeadSlaState {

    /**
     * A conversion that may raise the lead's stage, with the lead's source and the version of the
     * policy in force when it arrived (null in states stored before sources and versions).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StageMark(String eventId, Instant at, Stage stage, Segment segment, String source, Integer version) {
        public StageMark(String eventId, Instant at, Stage stage, Segment segment) {
            this(eventId, at, stage, segment, null, null);
        }
    }

    public record AttemptMark(String eventId, Instant at, boolean connected) {}

    /** A status change that gives the lead up (unreachable, disqualified, recycled). */
    public record GiveUpMark(String eventId, Instant at, LeadStatus status) {}

    /** An owner assignment; {@code team} is the rep's team, if the CRM sent it. */
    public record OwnerMark(String eventId, Instant at, String ownerId, String managerId, String team) {}

    public record CloseMark(String eventId, Instant at) {}

    public String leadId;
    public List<StageMark> stages = new ArrayList<>();
    public List<AttemptMark> attempts = new ArrayList<>();
    public List<GiveUpMark> giveUps = new ArrayList<>();
    public List<OwnerMark> owners = new ArrayList<>();
    public List<CloseMark> closes = new ArrayList<>();

    /** Emitted events as {@code breachId/KIND}: each is emitted at most once. */
    public Set<String> emitted = new LinkedHashSet<>();

    /** Breaches emitted and not retracted, by breach id: a later fact may retract them. */
    public Map<String, SlaEvent> openBreaches = new LinkedHashMap<>();

    /**
     * Policy versions moved by a re-plan, as {@code <episode's conversion event id>/RULE} to
     * version; a commitment not named here follows its episode's version.
     */
    public Map<String, Integer> pins = new LinkedHashMap<>();

    public LeadSlaState() {}

    public LeadSlaState(String leadId) {
        this.leadId = leadId;
    }

    public boolean knows(String eventId) {
        return stages.stream().anyMatch(m -> m.eventId().equals(eventId))
                || attempts.stream().anyMatch(m -> m.eventId().equals(eventId))
                || giveUps.stream().anyMatch(m -> m.eventId().equals(eventId))
                || owners.stream().anyMatch(m -> m.eventId().equals(eventId))
                || closes.stream().anyMatch(m -> m.eventId().equals(eventId));
    }
}
