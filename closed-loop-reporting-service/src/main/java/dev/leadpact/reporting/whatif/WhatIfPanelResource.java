package dev.leadpact.reporting.whatif;

import dev.leadpact.apikeys.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The dashboard's what-if panel: a proposed first-contact deadline and attempt minimum per segment,
 * simulated over a month by the SLA monitor ({@code POST /sla/simulations}) through this service.
 */
@Path("/dashboard/what-if")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@APIResponse(
        responseCode = "502",
        description = "The SLA monitor failed, or refused this service's key (leadpact.reporting.monitor.api-key)",
        content = @Content(mediaType = "application/problem+json"))
@APIResponse(
        responseCode = "503",
        description = "The SLA monitor (leadpact.reporting.monitor.url) is not reachable; see Retry-After",
        content = @Content(mediaType = "application/problem+json"))
public class WhatIfPanelResource {
    private final WhatIfSimulations simulations;

    WhatIfPanelResource(WhatIfSimulations simulations) {
        this.simulations = simulations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Simulate a month under proposed per-segment first-contact deadlines and attempt minimums",
            description = "Body: {\"month\":\"2026-11\",\"segments\":{\"mid\":{\"firstContact\":\"PT2H\","
                    + "\"attemptsRequired\":8}}}. The month runs from midnight to midnight in leadpact.reporting.zone;"
                    + " each proposal becomes the monitor's leadpact.sla.policies.<segment>.first-contact and"
                    + " .attempts-required, and what is not proposed stays as configured. Answered as the monitor"
                    + " answers POST /sla/simulations: 202 with the job, Location /dashboard/what-if/{id}.")
    @APIResponse(responseCode = "202", description = "Queued at the monitor; poll the Location")
    @APIResponse(
            responseCode = "400",
            description = "The proposal is invalid (nothing is sent to the monitor; field names it), or the monitor"
                    + " refused it",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(
            responseCode = "429",
            description = "The monitor has too many simulations queued; see Retry-After",
            content = @Content(mediaType = "application/problem+json"))
    public Response start(
            @RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = WhatIfProposal.class)))
                    String proposal) {
        return simulations.start(proposal);
    }

    @GET
    @Path("/policies")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Each segment's first-contact deadline and attempt minimum in force",
            description = "From the monitor's GET /sla/policies: the current policy of the segment at its handoff"
                    + " stage, for leads of the default source. What the panel shows before anything is proposed.")
    @APIResponse(
            responseCode = "200",
            description = "One per segment",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = SegmentPolicy.class)))
    public List<SegmentPolicy> policies() {
        return simulations.currentPolicies();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "A what-if simulation: its progress, then its result",
            description = "The monitor's GET /sla/simulations/{id} as it answers it: status QUEUED, RUNNING"
                    + " (progress), DONE (result: groups per total, rule, segment, stage, source, team and owner with"
                    + " the current and the proposed breaches and compliance; flips), FAILED or STALLED (error).")
    @APIResponse(responseCode = "200", description = "The simulation")
    @APIResponse(
            responseCode = "404",
            description = "No such simulation",
            content = @Content(mediaType = "application/problem+json"))
    public Response find(@PathParam("id") String id) {
        return simulations.find(id);
    }
}
