package dev.leadpact.reporting.export;

import dev.leadpact.reporting.ApiExamples;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.csv.CsvBodyWriter;
import dev.leadpact.reporting.csv.ReportFormat;
import dev.leadpact.reporting.problem.InvalidFilterException;
import dev.leadpact.reporting.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Cursor-paged raw facts; the next page's URL is in the Link header (and nextCursor in JSON). */
@Path("/exports")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
@Produces({MediaType.APPLICATION_JSON, CsvBodyWriter.TEXT_CSV})
public class ExportResource {

    private final Exports exports;
    private final ReportingConfig config;

    ExportResource(Exports exports, ReportingConfig config) {
        this.exports = exports;
        this.config = config;
    }

    @GET
    @Path("/touchpoints")
    @Operation(summary = "Touchpoints (conversions) in (occurredAt, eventId) order")
    @APIResponse(
            responseCode = "200",
            description = "One page, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ExportPage.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.TOUCHPOINTS_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.TOUCHPOINTS_CSV))
            })
    public Response touchpoints(
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor,
            @Parameter(description = "rows per page") @QueryParam("limit") String limit,
            @QueryParam("format") String format,
            @Context UriInfo uri) {
        ReportFormat.check(format);
        return paged(exports.touchpoints(Cursor.decode(cursor), limit(limit)), uri);
    }

    @GET
    @Path("/deals")
    @Operation(summary = "Deals, won and lost, in (closedAt, dealId) order")
    @APIResponse(
            responseCode = "200",
            description = "The report, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ExportPage.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.DEALS_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.DEALS_CSV))
            })
    public Response deals(
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @QueryParam("format") String format,
            @Context UriInfo uri) {
        ReportFormat.check(format);
        return paged(exports.deals(Cursor.decode(cursor), limit(limit)), uri);
    }

    @GET
    @Path("/attribution-credits")
    @Operation(summary = "Attribution credit lines of won deals under a model; limit counts deals")
    @APIResponse(
            responseCode = "200",
            description = "One page, as JSON or (Accept: text/csv or ?format=csv) as CSV",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ExportPage.class),
                        examples = @ExampleObject(name = "json", value = ApiExamples.CREDITS_JSON)),
                @Content(
                        mediaType = "text/csv",
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = ApiExamples.CREDITS_CSV))
            })
    public Response credits(
            @Parameter(description = "attribution model, default linear") @QueryParam("model") String model,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit,
            @QueryParam("format") String format,
            @Context UriInfo uri) {
        ReportFormat.check(format);
        AttributionModel m = model == null || model.isBlank()
                ? AttributionModel.LINEAR
                : AttributionModel.fromId(model)
                        .orElseThrow(() -> new InvalidFilterException("model", "unknown attribution model"));
        return paged(exports.credits(m, Cursor.decode(cursor), limit(limit)), uri);
    }

    private int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return config.export().defaultPageSize();
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= config.export().maxPageSize()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidFilterException(
                "limit",
                "limit must be a whole number from 1 to " + config.export().maxPageSize());
    }

    private static Response paged(ExportPage<?> page, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(page);
        if (page.nextCursor() != null) {
            response.header("X-Next-Cursor", page.nextCursor());
            // keeps token and format, so a BI tool can follow it as is
            response.link(
                    uri.getRequestUriBuilder()
                            .replaceQueryParam("cursor", page.nextCursor())
                            .build(),
                    "next");
        }
        return response.build();
    }
}
