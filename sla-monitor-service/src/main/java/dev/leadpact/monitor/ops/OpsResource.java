package dev.leadpact.monitor.ops;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.events.Segment;
import dev.leadpact.events.SlaEventKind;
import dev.leadpact.events.SlaRule;
import dev.leadpact.events.Stage;
import dev.leadpact.monitor.commitment.CommitmentTracker;
import dev.leadpact.monitor.commitment.MarketingCommitment;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Read API for ops: what is pending, what broke, one lead, marketing's commitment, the policies in force. */
@Path("/sla")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SLA monitor")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No API key, or an unknown one")
@APIResponse(responseCode = "403", description = "The key lacks the reader role")
public class OpsResource {
    private static final int MAX_PAGE_SIZE = 500;

    /** The query parameters of the rule and the time range, as the endpoints name them. */
    private static final String[] TIMER_PARAMETERS = {"rule", "dueFrom", "dueTo"};

    private static final String[] BREACH_PARAMETERS = {"type", "from", "to"};

    private final OpsQueries queries;
    private final CommitmentTracker commitments;
    private final MarketingCommitment commitment;
    private final Clock clock;

    OpsResource(OpsQueries queries, CommitmentTracker commitments, MarketingCommitment commitment, Clock clock) {
        this.queries = queries;
        this.commitments = commitments;
        this.commitment = commitment;
        this.clock = clock;
    }

    @GET
    @Path("/timers")
    @Operation(summary = "Open SLA timers", description = "One per lead with a pending deadline, earliest first.")
    @APIResponse(responseCode = "400", description = "Invalid filter")
    public OpsViews.Page<OpsViews.TimerView> timers(
            @QueryParam("lead") String lead,
            @QueryParam("owner") String owner,
            @QueryParam("segment") @Parameter(description = "SMALL, MID or LARGE") String segment,
            @QueryParam("stage") @Parameter(description = "IQL, MQL or SQL") String stage,
            @QueryParam("rule") @Parameter(description = "The rule the timer will check") String rule,
            @QueryParam("dueFrom") @Parameter(description = "ISO-8601 instant, inclusive") String from,
            @QueryParam("dueTo") @Parameter(description = "ISO-8601 instant, exclusive") String to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return queries.timers(filter(lead, owner, segment, stage, rule, null, from, to, page, size, TIMER_PARAMETERS));
    }

    @GET
    @Path("/breaches")
    @Operation(
            summary = "Emitted breaches (or other SLA events) with their status",
            description = "Newest first. Status: OPEN, ESCALATED, RESOLVED or RETRACTED.")
    @APIResponse(responseCode = "400", description = "Invalid filter")
    public OpsViews.Page<OpsViews.BreachView> breaches(
            @QueryParam("lead") String lead,
            @QueryParam("owner") String owner,
            @QueryParam("segment") String segment,
            @QueryParam("stage") String stage,
            @QueryParam("type") @Parameter(description = "The rule: FIRST_CONTACT_OVERDUE, ...") String rule,
            @QueryParam("kind") @Parameter(description = "Default BREACH; WARNING, ESCALATION, ...") String kind,
            @QueryParam("from") @Parameter(description = "Detected at or after, ISO-8601") String from,
            @QueryParam("to") @Parameter(description = "Detected before, ISO-8601") String to,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return queries.breaches(
                filter(lead, owner, segment, stage, rule, kind, from, to, page, size, BREACH_PARAMETERS));
    }

    @GET
    @Path("/leads/{leadId}")
    @Operation(summary = "One lead's SLA state, pending timer and history of SLA events")
    @APIResponse(responseCode = "404", description = "The monitor has seen no event of this lead")
    public OpsViews.LeadView lead(@PathParam("leadId") String leadId) {
        return queries.lead(leadId);
    }

    @GET
    @Path("/commitments")
    @Operation(
            summary = "Marketing's lead commitment: the month's pacing checkpoints and verdicts",
            description = "One row per scope (team:<team> or segment:<SEGMENT>) and checkpoint, by scope and due"
                    + " time. The checkpoint with monthEnd=true is the month's verdict. Verdict PENDING until it"
                    + " falls due, then MET, SHORT (a LEAD_VOLUME_SHORTFALL breach went out) or RETRACTED.")
    @APIResponse(responseCode = "400", description = "Invalid month")
    public List<OpsViews.CheckpointView> commitments(
            @QueryParam("month") @Parameter(description = "yyyy-MM; default: the current month") String month,
            @QueryParam("scope") @Parameter(description = "e.g. team:emea-mid or segment:MID") String scope) {
        ZoneId zone = commitment.schedule().zone();
        YearMonth chosen;
        try {
            chosen = blankToNull(month) == null ? YearMonth.now(clock.withZone(zone)) : YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemMapper.InvalidRequest("month", "month must look like 2026-11");
        }
        return commitments.checkpoints(chosen.atDay(1).atStartOfDay(zone).toInstant(), blankToNull(scope)).stream()
                .map(OpsViews.CheckpointView::of)
                .collect(Collectors.toList());
    }

    @GET
    @Path("/policies")
    @Operation(
            summary = "The policy versions in force and how many open leads each governs",
            description = "One per source, segment and stage as configured (current=true), and earlier versions"
                    + " still pinned to open leads. openLeads counts the open leads whose next timer it governs.")
    public List<OpsViews.PolicyView> policies() {
        return queries.policies();
    }

    private static OpsQueries.Filter filter(
            String lead,
            String owner,
            String segment,
            String stage,
            String rule,
            String kind,
            String from,
            String to,
            int page,
            int size,
            String[] names) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemMapper.InvalidRequest(
                    page < 0 ? "page" : "size", "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return new OpsQueries.Filter(
                blankToNull(lead),
                blankToNull(owner),
                parseEnum(Segment.class, "segment", segment),
                parseEnum(Stage.class, "stage", stage),
                parseEnum(SlaRule.class, names[0], rule),
                parseEnum(SlaEventKind.class, "kind", kind),
                parseInstant(names[1], from),
                parseInstant(names[2], to),
                page,
                size);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemMapper.InvalidRequest(name, "unknown " + name + " '" + value + "'");
        }
    }

    private static Instant parseInstant(String name, String value) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemMapper.InvalidRequest(
                    name, name + " must be an ISO-8601 instant such as 2026-11-23T09:30:00Z");
        }
    }
}
