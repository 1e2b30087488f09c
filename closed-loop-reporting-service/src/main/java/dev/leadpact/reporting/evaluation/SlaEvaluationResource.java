package dev.leadpact.reporting.evaluation;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.reporting.ApiExamples;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.attribution.AttributionModel;
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

@Path("/reports/sla-evaluation")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
public class SlaEvaluationResource {

    private final SlaEvaluations evaluations;
    private final ReportingConfig config;

    SlaEvaluationResource(SlaEvaluations evaluations, ReportingConfig config) {
        this.evaluations = evaluations;
        this.config = config;
    }

    @GET
    @Operation(
            summary = "SLA evaluation of both sides per week or month",
            description = "One row per period, metric and scope. Marketing: qualified leads delivered against the"
                    + " committed leads per rep and month (per team and segment, pro rata for weeks), share"
                    + " qualified, marketing-sourced revenue share, average deal size, lead-to-customer rate."
                    + " Sales: SQLs contacted in time, median and p90 response seconds, attempts compliance,"
                    + " premature contacts, outcome feedback. Closed loop: deals, revenue, revenue by"
                    + " attributed channel.")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = EvaluationReport.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.EVALUATION_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.EVALUATION_CSV))
            })
    public EvaluationReport evaluation(
            @Parameter(description = "week or month (default)") @QueryParam("period") String period,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("from") String from,
            @Parameter(description = "ISO date, inclusive", required = true) @QueryParam("to") String to,
            @Parameter(description = "IANA time zone") @QueryParam("zone") String zone,
            @Parameter(description = "attribution model of revenue by channel (default linear)") @QueryParam("model")
                    String model,
            @Parameter(description = "only deals in this ISO 4217 currency count") @QueryParam("currency")
                    String currency,
            @Parameter(description = "csv or json") @QueryParam("format") String format) {
        ReportFormat.check(format);
        return evaluations.evaluate(
                ReportFilters.period(period),
                ReportFilters.range(from, to, ReportFilters.zone(zone, config.zone())),
                ReportFilters.choice("model", model, AttributionModel.class, AttributionModel.LINEAR),
                ReportFilters.currency(currency));
    }
}
