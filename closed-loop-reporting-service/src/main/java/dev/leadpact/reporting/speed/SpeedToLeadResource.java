package dev.leadpact.reporting.speed;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.events.Stage;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

@Path("/reports/speed-to-lead")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
public class SpeedToLeadResource {

    private final SpeedToLead speed;
    private final ReportingConfig config;

    SpeedToLeadResource(SpeedToLead speed, ReportingConfig config) {
        this.speed = speed;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "Time from conversion to first contact attempt",
            description = "For leads that first reached the stage between from and to: median and p90 seconds to"
                    + " the first attempt, and the share contacted within the configured deadline, on the wall"
                    + " clock and in business time (the open hours of the calendar of the lead's SLA policy).")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = SpeedToLeadReport.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.SPEED_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.SPEED_CSV))
            })
    public SpeedToLeadReport speedToLead(
            @Parameter(description = "SQL (default) or MQL") @QueryParam("stage") String stage,
            @Parameter(description = "owner (default), segment or source") @QueryParam("groupBy") String groupBy,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("from") String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone") @QueryParam("zone") String zone,
            @Parameter(description = "csv or json") @QueryParam("format") String format) {
        ReportFormat.check(format);
        return speed.report(
                salesStage(stage),
                ReportFilters.choice("groupBy", groupBy, SpeedGrouping.class, SpeedGrouping.OWNER),
                ReportFilters.range(from, to, ReportFilters.zone(zone, config.zone())));
    }

    @GET
    @Path("/distribution")
    @Operation(
            summary = "Distribution of the time from conversion to first contact attempt",
            description = "For leads that first reached the stage between from and to: how many were first"
                    + " contacted within 5 min, 15 min, 30 min, 1 h, 4 h, 1 day, later, or not yet. The deadline is"
                    + " always a bucket edge; withinDeadline marks the buckets within it. Totals (leads, contacted,"
                    + " median, p90, within deadline) are those of the speed-to-lead report over all groups.")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = SpeedDistributionReport.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.SPEED_DISTRIBUTION_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.SPEED_DISTRIBUTION_CSV))
            })
    public SpeedDistributionReport distribution(
            @Parameter(description = "SQL (default) or MQL") @QueryParam("stage") String stage,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("from") String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone") @QueryParam("zone") String zone,
            @Parameter(description = "wall (default) or business: the clock the buckets count") @QueryParam("clock")
                    String clock,
            @Parameter(description = "csv or json") @QueryParam("format") String format) {
        ReportFormat.check(format);
        return speed.distribution(
                salesStage(stage),
                ReportFilters.range(from, to, ReportFilters.zone(zone, config.zone())),
                ReportFilters.choice("clock", clock, ResponseClock.class, ResponseClock.WALL));
    }

    private static Stage salesStage(String stage) {
        Stage s = ReportFilters.choice("stage", stage, Stage.class, Stage.SQL);
        if (s == Stage.IQL) {
            throw new InvalidFilterException("stage", "IQLs get no sales contact: stage must be MQL or SQL");
        }
        return s;
    }
}
