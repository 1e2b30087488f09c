package dev.leadpact.reporting.funnel;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.reporting.ApiExamples;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.csv.CsvBodyWriter;
import dev.leadpact.reporting.csv.ReportFormat;
import dev.leadpact.reporting.period.ReportFilters;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/reports/funnel")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
public class FunnelResource {

    private final Funnels funnels;
    private final ReportingConfig config;

    FunnelResource(Funnels funnels, ReportingConfig config) {
        this.funnels = funnels;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "Funnel per week or month",
            description = "Leads, MQLs, SQLs, contacted, connected, meetings, won and lost, each counted in the"
                    + " period its first occurrence fell in; step rates, lead-to-customer rate, average deal"
                    + " size and marketing-sourced revenue share.")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = FunnelReport.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.FUNNEL_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.FUNNEL_CSV))
            })
    public FunnelReport funnel(
            @Parameter(description = "week or month (default)") @QueryParam("period") String period,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("from") String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone") @QueryParam("zone") String zone,
            @Parameter(description = "only deals in this ISO 4217 currency count (won, lost, revenue)")
                    @QueryParam("currency")
                    String currency,
            @Parameter(description = "csv or json") @QueryParam("format") String format) {
        ReportFormat.check(format);
        return funnels.report(
                ReportFilters.period(period),
                ReportFilters.range(from, to, ReportFilters.zone(zone, config.zone())),
                ReportFilters.currency(currency));
    }
}
