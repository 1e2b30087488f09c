package dev.leadpact.reporting.journey;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.reporting.ApiExamples;
import dev.leadpact.reporting.csv.CsvBodyWriter;
import dev.leadpact.reporting.csv.ReportFormat;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
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
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = JourneyReport.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.JOURNEY_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.JOURNEY_CSV))
            })
    public JourneyReport journey(@PathParam("leadId") String leadId, @QueryParam("format") String format) {
        ReportFormat.check(format);
        return journeys.journey(leadId).orElseThrow(NotFoundException::new);
    }
}
