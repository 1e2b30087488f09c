package dev.leadpact.reporting.readmodel;

import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.attribution.AttributionCalculator;
import dev.leadpact.reporting.attribution.CreditRow;
import dev.leadpact.reporting.attribution.DealCredits;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.FactStore;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.lead.BusinessTime;
import dev.leadpact.reporting.lead.DealSummary;
import dev.leadpact.reporting.lead.LeadHistory;
import dev.leadpact.reporting.lead.LeadSummary;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Keeps the read models current, on the caller's connection and in its transaction (the one that
 * stored the facts). {@link #project} recomputes the rows of some leads from their stored facts: the
 * lead's summary, its deals and their attribution credits, and the rollups' share of them. It is the
 * one path both the consumers (for the leads of a batch) and the rebuild (for every lead) take, so a
 * rebuild gives what ingest gave. The rules live in {@link LeadHistory} and {@link DealCredits}; this
 * class only compares what they derive with what is stored and writes the difference.
 */
@ApplicationScoped
public class ReadModels {
    private final BusinessTime businessTime;
    private final Duration feedbackDeadline;
    private final DealCredits credits;

    ReadModels(BusinessTime businessTime, ReportingConfig config) {
        this.businessTime = businessTime;
        this.feedbackDeadline = config.feedback().deadline();
        this.credits =
                new DealCredits(new AttributionCalculator(config.attribution().halfLife()));
    }

    /**
     * Brings the read models of {@code leadIds} up to date with their facts, in the caller's
     * transaction; their rows stay locked until it ends.
     *
     * @param withDeals the leads whose touches or deals may have changed: only their deals and
     *     credits are recomputed (an activity or SLA event changes neither)
     */
    public void project(Connection connection, Collection<String> leadIds, Set<String> withDeals) throws SQLException {
        if (leadIds.isEmpty()) {
            return;
        }
        SortedSet<String> ids = new TreeSet<>(leadIds);
        Map<String, LeadSummary> before = ReadModelStore.lockLeads(connection, ids);
        Map<String, LeadHistory> histories = FactStore.histories(connection, ids);
        RollupDeltas deltas = new RollupDeltas();

        List<LeadSummary> changed = new ArrayList<>();
        for (LeadHistory history : histories.values()) {
            LeadSummary old = before.getOrDefault(history.leadId(), LeadSummary.empty(history.leadId()));
            LeadSummary now = history.summary(businessTime, feedbackDeadline);
            if (!now.equals(old)) {
                deltas.lead(old, -1);
                deltas.lead(now, 1);
                changed.add(now);
            }
        }
        ReadModelStore.updateLeads(connection, changed);

        List<LeadHistory> dealLeads = histories.values().stream()
                .filter(h -> withDeals.contains(h.leadId()) && !h.deals().isEmpty())
                .toList();
        if (!dealLeads.isEmpty()) {
            projectDeals(connection, dealLeads, deltas);
        }
        ReadModelStore.apply(connection, deltas);
    }

    /** Records breaches, escalations and retractions in {@code sla_breach}. */
    public void recordBreaches(Connection connection, List<SlaRecord> events) throws SQLException {
        ReadModelStore.upsertBreaches(connection, events);
    }

    /** Keeps the latest count of each of marketing's checkpoints. */
    public void recordCheckpoints(Connection connection, List<CommitmentCheckpoint> counts) throws SQLException {
        ReadModelStore.upsertCheckpoints(connection, counts);
    }

    /** The stored credit rows of these deals, by deal id, each deal's in path order. */
    public static Map<String, List<CreditRow>> credits(Connection connection, Collection<String> dealIds)
            throws SQLException {
        return ReadModelStore.credits(connection, dealIds);
    }

    /** Empties what {@link #project} and {@link #recordBreaches} fill, for a rebuild. */
    void truncate(Connection connection) throws SQLException {
        ReadModelStore.truncate(connection);
    }

    private void projectDeals(Connection connection, List<LeadHistory> leads, RollupDeltas deltas) throws SQLException {
        Set<String> dealIds = new HashSet<>();
        leads.forEach(h -> h.deals().forEach(d -> dealIds.add(d.dealId)));
        Map<String, DealSummary> oldDeals = ReadModelStore.deals(
                connection, leads.stream().map(LeadHistory::leadId).toList(), dealIds);
        Set<String> creditDeals = new TreeSet<>(dealIds);
        creditDeals.addAll(oldDeals.keySet());
        Map<String, List<CreditRow>> oldCredits = ReadModelStore.credits(connection, creditDeals);

        List<DealSummary> changedDeals = new ArrayList<>();
        Set<String> replaced = new TreeSet<>();
        List<CreditRow> newCredits = new ArrayList<>();
        for (LeadHistory lead : leads) {
            for (DealSummary now : lead.dealSummaries()) {
                DealSummary old = oldDeals.get(now.dealId());
                if (!now.equals(old)) {
                    if (old != null) {
                        deltas.deal(old, -1);
                    }
                    deltas.deal(now, 1);
                    changedDeals.add(now);
                }
            }
            for (Deal deal : lead.deals()) {
                List<CreditRow> old = oldCredits.getOrDefault(deal.dealId, List.of());
                List<CreditRow> now = credits.of(deal, lead.touches());
                if (!now.equals(old)) {
                    if (!old.isEmpty()) {
                        deltas.credits(old, -1);
                    }
                    if (!now.isEmpty()) {
                        deltas.credits(now, 1);
                    }
                    replaced.add(deal.dealId);
                    newCredits.addAll(now);
                }
            }
        }
        ReadModelStore.upsertDeals(connection, changedDeals);
        ReadModelStore.replaceCredits(connection, replaced, newCredits);
    }
}
