package dev.leadpact.reporting.ingest;

import dev.leadpact.events.CommitmentCheckpoint;
import dev.leadpact.events.ConversionEvent;
import dev.leadpact.events.DealClosed;
import dev.leadpact.events.LeadErased;
import dev.leadpact.events.LeadEvent;
import dev.leadpact.events.SalesActivity;
import dev.leadpact.events.SlaEvent;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.ingest.ErasedLeads;
import dev.leadpact.reporting.facts.Erasures;
import dev.leadpact.reporting.facts.FactStore;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.readmodel.ReadModels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Stores a batch of events (and erasures) and brings the read models of their leads up to date, in one
 * transaction: a report never sees a fact without its read models, nor the other way round.
 */
@ApplicationScoped
public class Ingest {
    private final DataSource dataSource;
    private final ReadModels readModels;

    Ingest(DataSource dataSource, ReadModels readModels) {
        this.dataSource = dataSource;
        this.readModels = readModels;
    }

    /**
     * Stores lead events and carries out erasures ({@link LeadErased}), which a batch may mix: the
     * erasures first, so that the batch's events of an erased lead pass the same check as any later
     * one (dropped if they happened before the erasure).
     *
     * @return the ids of the events stored; the others had been stored before
     */
    @Transactional
    public Set<String> store(List<?> facts) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Object> byId = new LinkedHashMap<>();
            facts.forEach(f -> byId.putIfAbsent(eventIdOf(f), f));
            Set<String> claimed = FactStore.claim(connection, byId.keySet());
            List<LeadEvent> events = new ArrayList<>();
            for (Object fact : byId.values()) {
                if (!claimed.contains(eventIdOf(fact))) {
                    continue;
                }
                if (fact instanceof LeadErased erasure) {
                    Erasures.erase(connection, erasure);
                } else {
                    events.add((LeadEvent) fact);
                }
            }
            List<ConversionEvent> conversions = new ArrayList<>();
            List<SalesActivity> activities = new ArrayList<>();
            List<DealClosed> deals = new ArrayList<>();
            List<SlaEvent> sla = new ArrayList<>();
            Set<String> leads = new HashSet<>();
            Set<String> withDeals = new HashSet<>();
            for (LeadEvent event : ErasedLeads.withoutErased(connection, events)) {
                if (event instanceof ConversionEvent c) {
                    conversions.add(c);
                    withDeals.add(c.leadId());
                } else if (event instanceof SalesActivity a) {
                    activities.add(a);
                } else if (event instanceof DealClosed d) {
                    deals.add(d);
                    withDeals.add(d.leadId());
                } else if (event instanceof SlaEvent s) {
                    if (s.kind() == SlaEventKind.UNKNOWN || s.rule() == SlaRule.UNKNOWN) {
                        // a kind or rule added after this build: no report can place it, and a
                        // later build cannot either, since it was claimed; see event-contracts' README
                        continue;
                    }
                    sla.add(s);
                    if (s.commitmentScope() != null) {
                        continue; // a shortfall is about a commitment's scope, not a lead
                    }
                }
                leads.add(event.leadId());
            }
            FactStore.insertConversions(connection, conversions);
            FactStore.insertActivities(connection, activities);
            FactStore.upsertDeals(connection, deals);
            FactStore.insertSlaEvents(connection, sla);
            readModels.recordBreaches(
                    connection, sla.stream().map(SlaRecord::of).toList());
            readModels.project(connection, leads, withDeals);
            return claimed;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** @return the ids of the counts stored */
    @Transactional
    public Set<String> storeCheckpoints(List<CommitmentCheckpoint> counts) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, CommitmentCheckpoint> byId = new LinkedHashMap<>();
            counts.forEach(c -> byId.putIfAbsent(c.eventId(), c));
            Set<String> claimed = FactStore.claim(connection, byId.keySet());
            readModels.recordCheckpoints(
                    connection,
                    byId.values().stream()
                            .filter(c -> claimed.contains(c.eventId()))
                            .toList());
            return claimed;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The event id of a lead event or an erasure. */
    public static String eventIdOf(Object fact) {
        return fact instanceof LeadErased erasure ? erasure.eventId() : ((LeadEvent) fact).eventId();
    }

    /** The database refused a batch; the consumer retries it. */
    public static final class StoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoreException(SQLException cause) {
            super("storing a batch failed: " + cause.getMessage(), cause);
        }
    }
}
