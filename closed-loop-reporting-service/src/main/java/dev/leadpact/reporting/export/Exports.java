package dev.leadpact.reporting.export;

import dev.leadpact.events.DealOutcome;
import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.attribution.Attributions;
import dev.leadpact.reporting.attribution.CreditLine;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.Touchpoint;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Raw facts in pages of at most {@code limit}, ordered by (time, id). */
@ApplicationScoped
public class Exports {

    private final Attributions attributions;

    Exports(Attributions attributions) {
        this.attributions = attributions;
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
        List<Deal> page = deals(after, limit, false);
        List<DealRow> rows = page.stream()
                .limit(limit)
                .map(d ->
                        new DealRow(d.dealId, d.leadId, d.outcome.name(), d.amount, d.currency, d.closedAt, d.ownerId))
                .toList();
        return new ExportPage<>(rows, nextDeal(page, limit), DealRow.class);
    }

    /** Credit lines of won deals; a page holds {@code limit} deals, each with all its lines. */
    public ExportPage<CreditLine> credits(AttributionModel model, Cursor after, int limit) {
        List<Deal> page = deals(after, limit, true);
        List<CreditLine> lines = attributions.credit(model, page.subList(0, Math.min(limit, page.size())));
        return new ExportPage<>(lines, nextDeal(page, limit), CreditLine.class);
    }

    private static List<Deal> deals(Cursor after, int limit, boolean wonOnly) {
        Sort order = Sort.by("closedAt").and("dealId");
        List<DealOutcome> outcomes = wonOnly ? List.of(DealOutcome.WON) : List.of(DealOutcome.values());
        return (after == null
                        ? Deal.<Deal>find("outcome in ?1", order, outcomes)
                        : Deal.<Deal>find(
                                "outcome in ?1 and (closedAt > ?2 or (closedAt = ?2 and dealId > ?3))",
                                order,
                                outcomes,
                                after.at(),
                                after.id()))
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
