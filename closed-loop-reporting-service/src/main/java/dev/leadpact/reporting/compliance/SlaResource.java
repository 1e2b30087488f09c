package dev.leadpact.reporting.compliance;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.events.SlaRule;
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

@Path("/reports")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
public class SlaResource {

    private final SlaCompliance compliance;
    private final ReportingConfig config;

    SlaResource(SlaCompliance compliance, ReportingConfig config) {
        this.compliance = compliance;
        this.config = config;
    }

    @GET
    @Path("/sla-breaches")
    @Operation(
            summary = "SLA breaches by rule, owner, segment, week or month",
            description = "Breaches due between from and to; each breach id counts once; retracted breaches are"
                    + " shown and subtracted (standing = breaches - retracted).")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = BreachReport.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.BREACHES_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.BREACHES_CSV))
            })
    public BreachReport breaches(
            @Parameter(description = "rule (default), owner, segment, week or month") @QueryParam("groupBy")
                    String groupBy,
            @Parameter(description = "only this rule, e.g. first-contact-overdue") @QueryParam("rule") String rule,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("from") String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone") @QueryParam("zone") String zone,
            @Parameter(description = "csv or json") @QueryParam("format") String format) {
        ReportFormat.check(format);
        return compliance.breaches(
                ReportFilters.choice("groupBy", groupBy, BreachGrouping.class, BreachGrouping.RULE),
                ReportFilters.choice("rule", rule, SlaRule.class, null),
                ReportFilters.range(from, to, ReportFilters.zone(zone, config.zone())));
    }

    @GET
    @Path("/sla-compliance")
    @Operation(
            summary = "Sales SLA compliance per week or month",
            description = "Share of SQLs contacted in time (contacted, no standing first-contact breach) and share"
                    + " of leads given up as unreachable with the minimum attempts (no standing attempt-minimum"
                    + " breach).")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ComplianceReport.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.COMPLIANCE_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.COMPLIANCE_CSV))
            })
    public ComplianceReport compliance(
            @Parameter(description = "week or month (default)") @QueryParam("period") String period,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("from") String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone") @QueryParam("zone") String zone,
            @Parameter(description = "csv or json") @QueryParam("format") String format) {
        ReportFormat.check(format);
        return compliance.compliance(
                ReportFilters.period(period), ReportFilters.range(from, to, ReportFilters.zone(zone, config.zone())));
    }
}
