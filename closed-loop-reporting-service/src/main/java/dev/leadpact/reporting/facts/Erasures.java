package dev.leadpact.reporting.facts;

import static dev.leadpact.ingest.ErasedLeads.update;

import dev.leadpact.events.LeadErased;
import dev.leadpact.ingest.ErasedLeads;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Erases a lead ({@link LeadErased}) from the facts and the read models, in the caller's
 * transaction. Every row keeps its numbers (touchpoints, activities, deals, SLA events, the lead's
 * milestones, attribution credits, breaches) under a random pseudonym that nothing maps back to
 * the lead, so every count, sum and duration of every report stays as it was, and the rollups are
 * not touched at all. What could name the person goes: a touchpoint's company, page URL and
 * referrer (which may carry query strings), and a status change's free-text reason. The landing
 * page, a page of your own site that reports group by, stays.
 */
public final class Erasures {
    private Erasures() {}

    public static void erase(Connection connection, LeadErased erasure) throws SQLException {
        String lead = erasure.leadId();
        String pseudonym = ErasedLeads.record(connection, erasure);
        update(
                connection,
                "UPDATE touchpoint SET lead_id = ?, company = NULL, page_url = NULL, referrer = NULL WHERE lead_id = ?",
                pseudonym,
                lead);
        update(connection, "UPDATE sales_activity SET lead_id = ?, reason = NULL WHERE lead_id = ?", pseudonym, lead);
        for (String table :
                new String[] {"deal", "sla_event", "lead_summary", "deal_summary", "attribution_credit", "sla_breach"
                }) {
            update(connection, "UPDATE " + table + " SET lead_id = ? WHERE lead_id = ?", pseudonym, lead);
        }
    }
}
