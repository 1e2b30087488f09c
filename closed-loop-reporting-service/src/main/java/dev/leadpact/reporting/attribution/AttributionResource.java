package dev.leadpact.reporting.attribution;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.reporting.ApiExamples;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.csv.CsvBodyWriter;
import dev.leadpact.reporting.csv.ReportFormat;
import dev.leadpact.reporting.period.ReportFilters;
import dev.leadpact.reporting.problem.InvalidFilterException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneId;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/reports/attribution")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
public class AttributionResource {

    private final Attributions attributions;
    private final ReportingConfig config;

    AttributionResource(Attributions attributions, ReportingConfig config) {
        this.attributions = attributions;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "Revenue of won deals attributed to touchpoints",
            description = "Won deals closed between from and to (inclusive, local dates in zone), credited to the"
                    + " touches before their close by the model, grouped by period of the close and a touch"
                    + " dimension. Deals with no touch yet are the group (unattributed).")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = AttributionReport.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.ATTRIBUTION_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.ATTRIBUTION_CSV))
            })
    public AttributionReport attribution(
            @Parameter(description = "first-touch, last-touch, linear, u-shaped, w-shaped, full-path, time-decay")
                    @QueryParam("model")
                    String model,
            @Parameter(description = "channel, campaign, offer, source, medium, source-medium, content, landing-page")
                    @QueryParam("groupBy")
                    String groupBy,
            @Parameter(description = "week or month (default)") @QueryParam("period") String period,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("from") String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone of dates and periods") @QueryParam("zone") String zone,
            @Parameter(description = "csv or json, instead of the Accept header") @QueryParam("format") String format) {
        ReportFormat.check(format);
        ZoneId tz = ReportFilters.zone(zone, config.zone());
        AttributionModel m = model == null || model.isBlank()
                ? AttributionModel.LINEAR
                : AttributionModel.fromId(model)
                        .orElseThrow(() -> new InvalidFilterException(
                                "model",
                                "model must be one of first-touch, last-touch, linear, u-shaped, w-shaped,"
                                        + " full-path, time-decay"));
        return attributions.report(
                m,
                ReportFilters.choice("groupBy", groupBy, AttributionDimension.class, AttributionDimension.CHANNEL),
                ReportFilters.period(period),
                ReportFilters.range(from, to, tz));
    }
}
