package dev.leadpact.monitor.rules;

import dev.leadpact.events.AttemptOutcome;
import dev.leadpact.events.ContactAttempt;
import dev.leadpact.events.ContactChannel;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.DealOutcome;
import dev.leadpact.events.LeadStatus;
import dev.leadpact.events.LeadStatusChanged;
import dev.leadpact.events.OwnerAssigned;
import dev.leadpact.events.Segment;
import dev.leadpact.events.Stage;
import java.math.BigDecimal;
import java.time.Instant;

/** Terse builders for the incoming events, as the intake publishes them. */
public final class Events {
    private Events() {}

    public static ConversionEvent conversion(String id, String lead, Instant at, Stage stage, Segment segment) {
        return conversion(id, lead, at, stage, segment, null);
    }

    /** A conversion from a marketing channel (null: none given). */
    public static ConversionEvent conversion(
            String id, String lead, Instant at, Stage stage, Segment segment, String channel) {
        return new ConversionEvent(
                id,
                lead,
                at,
                null,
                "demo",
                "demo-request",
                stage,
                segment,
                null,
                "a@example.com",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                channel,
                null,
                null,
                null,
                null,
                null);
    }

    public static ContactAttempt attempt(String id, String lead, Instant at, AttemptOutcome outcome) {
        return new ContactAttempt(id, lead, at, "rep-jane", ContactChannel.PHONE, outcome, null);
    }

    public static LeadStatusChanged status(String id, String lead, Instant at, LeadStatus status) {
        return new LeadStatusChanged(id, lead, at, status, null, "rep-jane");
    }

    public static OwnerAssigned owner(String id, String lead, Instant at, String owner, String manager) {
        return owner(id, lead, at, owner, manager, "team-a");
    }

    public static OwnerAssigned owner(String id, String lead, Instant at, String owner, String manager, String team) {
        return new OwnerAssigned(id, lead, at, owner, manager, team);
    }

    public static DealClosed deal(String id, String lead, Instant at, DealOutcome outcome) {
        return new DealClosed(id, "deal-" + id, lead, outcome, new BigDecimal("1000"), "EUR", at, "rep-jane");
    }
}
