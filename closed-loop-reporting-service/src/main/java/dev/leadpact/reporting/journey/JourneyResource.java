package dev.leadpact.reporting.journey;

import dev.leadpact.reporting.csv.CsvBodyWriter;
import dev.leadpact.reporting.csv.ReportFormat;
import dev.leadpact.reporting.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/leads/{leadId}/journey")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
public class JourneyResource {

    private final Journeys journeys;

    JourneyResource(Journeys journeys) {
        this.journeys = journeys;
    }

    @GET
    @Operation(summary = "A lead's touches, stage rises, sales activity, SLA events and deals in time order")
    public JourneyReport journey(@PathParam("leadId") String leadId, @QueryParam("format") String format) {
        ReportFormat.check(format);
        return journeys.journey(leadId).orElseThrow(NotFoundException::new);
    }
}
