package dev.leadpact.monitor.whatif;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.monitor.ops.ProblemMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What-if simulations: what a proposed policy set would have made of the leads of a past period,
 * side by side with the policies in force. Nothing is emitted and no lead changes.
 */
@Path("/sla/simulations")
@Tag(name = "SLA what-if")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@APIResponse(responseCode = "401", description = "No API key, or an unknown one")
@APIResponse(responseCode = "403", description = "The key lacks the reader role")
public class WhatIfResource {
    static final String TEXT_CSV = "text/csv";
    private static final int MAX_PAGE_SIZE = 500;

    private final WhatIfJobs jobs;

    WhatIfResource(WhatIfJobs jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Start a what-if simulation",
            description = "Body: {from, to, settings}. settings holds proposed leadpact.sla.* keys (policies,"
                    + " calendars, sources, default-source; the prefix may be left out) as in the configuration;"
                    + " what is not proposed stays as configured. Judges every commitment whose clock started"
                    + " in [from, to) under the policies in force and under the proposal. 202 with Location.")
    @APIResponse(responseCode = "202", description = "Queued; poll the Location")
    @APIResponse(responseCode = "400", description = "Invalid period or proposal")
    @APIResponse(responseCode = "429", description = "Too many simulations queued")
    public Response start(WhatIfJobs.Request request, @jakarta.ws.rs.core.Context UriInfo uri) {
        if (request == null) {
            throw new ProblemMapper.InvalidRequest("body", "a simulation needs a JSON body: {from, to, settings}");
        }
        WhatIfJobs.JobView job;
        try {
            job = jobs.submit(request);
        } catch (IllegalArgumentException e) {
            throw new ProblemMapper.InvalidRequest("settings", e.getMessage());
        } catch (RejectedExecutionException e) {
            throw new ProblemMapper.TooMany("too many simulations are running or queued; try again later");
        }
        return Response.accepted(job)
                .location(uri.getBaseUriBuilder().path("sla/simulations/{id}").build(job.id()))
                .build();
    }

    @GET
    @Path("/{id}")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(
            summary = "A simulation: its progress, then its result",
            description = "status QUEUED, RUNNING (progress: leads done of total, rate, seconds left), DONE (result:"
                    + " per group current and proposed counts, compliance, median and p90 response), FAILED or"
                    + " STALLED. As CSV (Accept: text/csv or ?format=csv): the result's groups, one row each.")
    @APIResponse(responseCode = "404", description = "No such simulation")
    public Response get(
            @PathParam("id") String id,
            @QueryParam("format") @Parameter(description = "csv or json") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        WhatIfJobs.JobView job = jobs.find(parse(id)).orElseThrow(() -> notFound(id));
        if (!csv(format, accept)) {
            return Response.ok(job, MediaType.APPLICATION_JSON).build();
        }
        if (job.result() == null) {
            throw new ProblemMapper.InvalidRequest(
                    "format", "simulation " + id + " is " + job.status() + ": CSV comes with the result");
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(
                "dimension",
                "value",
                "current_due",
                "current_in_time",
                "current_breaches",
                "current_warnings",
                "current_escalations",
                "current_compliance",
                "current_median_response_s",
                "current_p90_response_s",
                "proposed_due",
                "proposed_in_time",
                "proposed_breaches",
                "proposed_warnings",
                "proposed_escalations",
                "proposed_compliance",
                "proposed_median_response_s",
                "proposed_p90_response_s"));
        for (WhatIfTally.Group g : job.result().groups()) {
            List<Object> row = new ArrayList<>(List.of(g.dimension(), g.value()));
            for (WhatIfTally.Side side : List.of(g.current(), g.proposed())) {
                row.add(side.due());
                row.add(side.inTime());
                row.add(side.breaches());
                row.add(side.warnings());
                row.add(side.escalations());
                row.add(side.compliance());
                row.add(side.medianResponseSeconds());
                row.add(side.p90ResponseSeconds());
            }
            rows.add(row);
        }
        return csvResponse(rows, "simulation-" + id + ".csv");
    }

    @GET
    @Path("/{id}/flips")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(
            summary = "The commitments whose verdict the proposal flips",
            description = "A breach under one policy set and not under the other (status MET, BREACHED, CANCELLED,"
                    + " OPEN, or (none) where the commitment does not exist there), by lead id; paged.")
    @APIResponse(responseCode = "404", description = "No such simulation")
    public Response flips(
            @PathParam("id") String id,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size,
            @QueryParam("format") @Parameter(description = "csv or json") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new ProblemMapper.InvalidRequest(
                    page < 0 ? "page" : "size", "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        UUID uuid = parse(id);
        WhatIfJobs.JobView job = jobs.find(uuid).orElseThrow(() -> notFound(id));
        List<WhatIfTally.Flip> items = jobs.flips(uuid, page, size);
        if (!csv(format, accept)) {
            long total = job.result() == null ? -1 : job.result().flips();
            return Response.ok(new FlipPage(items, page, size, total), MediaType.APPLICATION_JSON)
                    .build();
        }
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of(
                "lead_id",
                "rule",
                "segment",
                "stage",
                "owner_id",
                "team",
                "started_at",
                "current_status",
                "current_due_at",
                "proposed_status",
                "proposed_due_at"));
        for (WhatIfTally.Flip f : items) {
            rows.add(java.util.Arrays.asList(
                    f.leadId(),
                    f.rule(),
                    f.segment(),
                    f.stage(),
                    f.ownerId(),
                    f.team(),
                    f.start(),
                    f.currentStatus(),
                    f.currentDueAt(),
                    f.proposedStatus(),
                    f.proposedDueAt()));
        }
        return csvResponse(rows, "simulation-" + id + "-flips.csv");
    }

    /** @param total every flip of a finished simulation, -1 while it runs */
    public record FlipPage(List<WhatIfTally.Flip> items, int page, int size, long total) {}

    private static boolean csv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            String f = format.strip();
            if (!f.equals("csv") && !f.equals("json")) {
                throw new ProblemMapper.InvalidRequest("format", "format is csv or json");
            }
            return f.equals("csv");
        }
        return accept != null && accept.contains(TEXT_CSV) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    private static Response csvResponse(List<List<Object>> rows, String filename) {
        StringBuilder out = new StringBuilder();
        for (List<Object> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(cell(row.get(i)));
            }
            out.append("\r\n");
        }
        return Response.ok(out.toString(), TEXT_CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .build();
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value instanceof Instant ? value.toString() : String.valueOf(value);
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
    }

    private static ProblemMapper.NotFound notFound(String id) {
        return new ProblemMapper.NotFound("no simulation " + id);
    }
}
