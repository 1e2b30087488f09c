package dev.leadpact.reporting.journey;

import dev.leadpact.events.Stage;
import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.FactStore;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.facts.Touchpoint;
import dev.leadpact.reporting.lead.LeadHistory;
import dev.leadpact.reporting.readmodel.Queries;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A lead's journey: touches, stage rises, sales activity, SLA events and deals in time order. */
@ApplicationScoped
public class Journeys {

    private final Queries queries;

    Journeys(Queries queries) {
        this.queries = queries;
    }

    /** Empty when nothing at all is known about the lead. */
    public Optional<JourneyReport> journey(String leadId) {
        LeadHistory lead = queries.read(connection -> FactStore.histories(connection, List.of(leadId)))
                .get(leadId);
        if (lead.touches().isEmpty()
                && lead.activities().isEmpty()
                && lead.deals().isEmpty()
                && lead.slaEvents().isEmpty()) {
            return Optional.empty();
        }
        List<JourneyStep> steps = new ArrayList<>();
        Stage stage = null;
        for (Touchpoint t : lead.touches()) {
            steps.add(touch("TOUCHPOINT", t));
            if (t.stage != null && (stage == null || t.stage.compareTo(stage) > 0)) {
                stage = t.stage;
                steps.add(touch("STAGE_REACHED", t));
            }
        }
        for (Activity a : lead.activities()) {
            steps.add(activity(a));
        }
        for (SlaRecord s : lead.slaEvents()) {
            steps.add(new JourneyStep(
                    s.detectedAt,
                    "SLA_" + s.kind.name(),
                    s.eventId,
                    s.stage == null ? null : s.stage.name(),
                    null,
                    null,
                    null,
                    null,
                    s.ownerId,
                    s.rule.name(),
                    s.breachId,
                    null,
                    null,
                    s.dueAt));
        }
        for (Deal d : lead.deals()) {
            steps.add(new JourneyStep(
                    d.closedAt,
                    "DEAL_" + d.outcome.name(),
                    d.eventId,
                    null,
                    null,
                    null,
                    null,
                    null,
                    d.ownerId,
                    d.outcome.name(),
                    d.dealId,
                    d.amount,
                    d.currency,
                    null));
        }
        // stable sort: at the same instant the order above holds (a touch before the stage it raised)
        steps.sort(Comparator.comparing(JourneyStep::occurredAt));
        return Optional.of(new JourneyReport(leadId, stage == null ? null : stage.name(), lead.owner(), steps));
    }

    private static JourneyStep touch(String type, Touchpoint t) {
        return new JourneyStep(
                t.occurredAt,
                type,
                t.eventId,
                t.stage == null ? null : t.stage.name(),
                t.channel,
                t.offer,
                t.utmCampaign,
                t.utmSource,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static JourneyStep activity(Activity a) {
        String outcome =
                switch (a.type) {
                    case CONTACT_ATTEMPT -> a.outcome == null ? null : a.outcome.name();
                    case STATUS_CHANGED -> a.status == null ? null : a.status.name();
                    case OWNER_ASSIGNED -> null;
                };
        return new JourneyStep(
                a.occurredAt,
                a.type.name(),
                a.eventId,
                null,
                a.contactChannel == null ? null : a.contactChannel.name(),
                null,
                null,
                null,
                a.type == Activity.Type.OWNER_ASSIGNED ? a.ownerId : a.repId,
                outcome,
                null,
                null,
                null,
                null);
    }
}
