package dev.leadpact.reporting.speed;

import dev.leadpact.events.Stage;
import dev.leadpact.reporting.Ratios;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.Touchpoint;
import dev.leadpact.reporting.lead.LeadHistories;
import dev.leadpact.reporting.lead.LeadHistory;
import dev.leadpact.reporting.period.DateRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Conversion to first attempt, per owner, segment or source. */
@ApplicationScoped
public class SpeedToLead {
    static final String NONE = "(none)";

    private final LeadHistories histories;
    private final ReportingConfig config;

    SpeedToLead(LeadHistories histories, ReportingConfig config) {
        this.histories = histories;
        this.config = config;
    }

    public Duration deadline(Stage stage) {
        return stage == Stage.SQL
                ? config.speed().sqlDeadline()
                : config.speed().mqlDeadline();
    }

    /** A lead that first reached the stage in the range, and seconds to its first attempt since then (if any). */
    public record Response(LeadHistory lead, Touchpoint qualified, Optional<Long> seconds) {}

    /** The leads that first reached {@code stage} in the range, each with its response time. */
    public List<Response> responses(Stage stage, DateRange range) {
        List<String> candidates = histories.leadIds(
                Touchpoint.class,
                "e.stage in ?1 and e.occurredAt >= ?2 and e.occurredAt < ?3",
                stage == Stage.SQL ? List.of(Stage.SQL) : List.of(Stage.MQL, Stage.SQL),
                range.start(),
                range.end());
        List<Response> responses = new ArrayList<>();
        for (LeadHistory lead : histories.load(candidates).values()) {
            Optional<Touchpoint> qualified = lead.firstTouchAtLeast(stage);
            if (qualified.isEmpty() || !range.contains(qualified.get().occurredAt)) {
                continue;
            }
            Touchpoint q = qualified.get();
            responses.add(
                    new Response(lead, q, lead.firstAttemptSince(q.occurredAt).map((Activity a) -> Duration.between(
                                    q.occurredAt, a.occurredAt)
                            .toSeconds())));
        }
        return responses;
    }

    /** All leads of the range in one distribution, for the dashboard's chart. */
    public SpeedDistributionReport distribution(Stage stage, DateRange range) {
        long deadline = deadline(stage).toSeconds();
        List<Optional<Long>> seconds =
                responses(stage, range).stream().map(Response::seconds).toList();
        List<Long> sorted = seconds.stream().flatMap(Optional::stream).sorted().toList();
        return new SpeedDistributionReport(
                stage.name(),
                range.from(),
                range.to(),
                range.zone().getId(),
                deadline,
                seconds.size(),
                sorted.size(),
                ResponseTimes.median(sorted),
                ResponseTimes.percentile(sorted, 90),
                sorted.stream().filter(s -> s <= deadline).count(),
                ResponseBuckets.of(seconds, deadline));
    }

    public SpeedToLeadReport report(Stage stage, SpeedGrouping grouping, DateRange range) {
        long deadline = deadline(stage).toSeconds();
        Map<String, List<Optional<Long>>> byGroup = new TreeMap<>();
        for (Response r : responses(stage, range)) {
            String group =
                    switch (grouping) {
                        case OWNER -> r.lead().owner();
                        case SEGMENT ->
                            r.qualified().segment == null
                                    ? null
                                    : r.qualified().segment.name();
                        case SOURCE -> r.qualified().utmSource;
                    };
            byGroup.computeIfAbsent(group == null ? NONE : group, g -> new ArrayList<>())
                    .add(r.seconds());
        }
        List<SpeedToLeadRow> rows = new ArrayList<>();
        byGroup.forEach((group, responses) -> {
            List<Long> sorted =
                    responses.stream().flatMap(Optional::stream).sorted().toList();
            long within = sorted.stream().filter(s -> s <= deadline).count();
            rows.add(new SpeedToLeadRow(
                    group,
                    responses.size(),
                    sorted.size(),
                    ResponseTimes.median(sorted),
                    ResponseTimes.percentile(sorted, 90),
                    deadline,
                    within,
                    Ratios.of(within, responses.size())));
        });
        return new SpeedToLeadReport(
                stage.name(),
                grouping.name().toLowerCase(Locale.ROOT),
                range.from(),
                range.to(),
                range.zone().getId(),
                rows);
    }
}
