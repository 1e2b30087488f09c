package dev.leadpact.reporting.export;

import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.attribution.CreditLine;
import dev.leadpact.reporting.attribution.CreditRow;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.Jdbc;
import dev.leadpact.reporting.facts.Touchpoint;
import dev.leadpact.reporting.readmodel.Queries;
import dev.leadpact.reporting.readmodel.ReadModels;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Raw facts in pages of at most {@code limit}, ordered by (time, id). */
@ApplicationScoped
public class Exports {

    private final Queries queries;

    Exports(Queries queries) {
        this.queries = queries;
    }

    public ExportPage<TouchpointRow> touchpoints(Cursor after, int limit) {
        Sort order = Sort.by("occurredAt").and("eventId");
        List<Touchpoint> page = (after == null
                        ? Touchpoint.<Touchpoint>findAll(order)
                        : Touchpoint.<Touchpoint>find(
                                "occurredAt > ?1 or (occurredAt = ?1 and eventId > ?2)", order, after.at(), after.id()))
                .page(Page.ofSize(limit + 1))
                .list();
        List<TouchpointRow> rows = page.stream().limit(limit).map(Exports::row).toList();
        String next = page.size() > limit
                ? new Cursor(page.get(limit - 1).occurredAt, page.get(limit - 1).eventId).encode()
                : null;
        return new ExportPage<>(rows, next, TouchpointRow.class);
    }

    public ExportPage<DealRow> deals(Cursor after, int limit) {
        List<Deal> page = dealPage(after, limit);
        List<DealRow> rows = page.stream()
                .limit(limit)
                .map(d ->
                        new DealRow(d.dealId, d.leadId, d.outcome.name(), d.amount, d.currency, d.closedAt, d.ownerId))
                .toList();
        return new ExportPage<>(rows, nextDeal(page, limit), DealRow.class);
    }

    /**
     * Credit lines of won deals, as stored in {@code attribution_credit}; a page holds {@code limit}
     * deals, each with all its lines in path order.
     */
    public ExportPage<CreditLine> credits(AttributionModel model, Cursor after, int limit) {
        return queries.read(connection -> {
            List<String> deals = new ArrayList<>();
            List<Instant> closes = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT deal_id, closed_at FROM deal_summary"
                    + " WHERE outcome = 'WON' AND (CAST(? AS TIMESTAMPTZ) IS NULL OR (closed_at, deal_id) > (?, ?))"
                    + " ORDER BY closed_at, deal_id LIMIT ?")) {
                Jdbc.setInstant(select, 1, after == null ? null : after.at());
                Jdbc.setInstant(select, 2, after == null ? null : after.at());
                select.setString(3, after == null ? null : after.id());
                select.setInt(4, limit + 1);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        deals.add(rs.getString("deal_id"));
                        closes.add(Jdbc.instant(rs, "closed_at"));
                    }
                }
            }
            String next =
                    deals.size() > limit ? new Cursor(closes.get(limit - 1), deals.get(limit - 1)).encode() : null;
            List<String> page = deals.subList(0, Math.min(limit, deals.size()));
            Map<String, List<CreditRow>> rows = ReadModels.credits(connection, page);
            List<CreditLine> lines = new ArrayList<>();
            for (String deal : page) {
                rows.getOrDefault(deal, List.of()).forEach(row -> lines.add(row.line(model)));
            }
            return new ExportPage<>(lines, next, CreditLine.class);
        });
    }

    private static List<Deal> dealPage(Cursor after, int limit) {
        Sort order = Sort.by("closedAt").and("dealId");
        return (after == null
                        ? Deal.<Deal>findAll(order)
                        : Deal.<Deal>find(
                                "closedAt > ?1 or (closedAt = ?1 and dealId > ?2)", order, after.at(), after.id()))
                .page(Page.ofSize(limit + 1))
                .list();
    }

    private static String nextDeal(List<Deal> page, int limit) {
        return page.size() > limit
                ? new Cursor(page.get(limit - 1).closedAt, page.get(limit - 1).dealId).encode()
                : null;
    }

    private static TouchpointRow row(Touchpoint t) {
        return new TouchpointRow(
                t.eventId,
                t.leadId,
                t.occurredAt,
                t.stage == null ? null : t.stage.name(),
                t.segment == null ? null : t.segment.name(),
                t.journeyPhase == null ? null : t.journeyPhase.name(),
                t.offer,
                t.formId,
                t.channel,
                t.utmSource,
                t.utmMedium,
                t.utmCampaign,
                t.utmTerm,
                t.utmContent,
                t.landingPage,
                t.referrer,
                t.company,
                t.employees,
                t.country);
    }
}
