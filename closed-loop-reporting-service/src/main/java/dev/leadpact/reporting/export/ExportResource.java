package dev.leadpact.reporting.export;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.reporting.ApiExamples;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.attribution.AttributionModel;
import dev.leadpact.reporting.attribution.CreditLine;
import dev.leadpact.reporting.csv.CsvBodyWriter;
import dev.leadpact.reporting.csv.ReportFormat;
import dev.leadpact.reporting.problem.InvalidFilterException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.BiFunction;
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
    private static final String ALL =
            "true: every row from the cursor on in one CSV response, streamed a page" + " (limit) at a time; CSV only";

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
            @Parameter(description = ALL) @QueryParam("all") String all,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        ReportFormat.check(format);
        return export(exports::touchpoints, TouchpointRow.class, cursor, limit, all, headers, uri);
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
            @Parameter(description = ALL) @QueryParam("all") String all,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        ReportFormat.check(format);
        return export(exports::deals, DealRow.class, cursor, limit, all, headers, uri);
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
            @Parameter(description = ALL) @QueryParam("all") String all,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        ReportFormat.check(format);
        AttributionModel m = model == null || model.isBlank()
                ? AttributionModel.LINEAR
                : AttributionModel.fromId(model)
                        .orElseThrow(() -> new InvalidFilterException("model", "unknown attribution model"));
        return export(
                (after, size) -> exports.credits(m, after, size), CreditLine.class, cursor, limit, all, headers, uri);
    }

    /**
     * One page, or with {@code all=true} every row from the cursor on as one CSV body, fetched a
     * page of {@code limit} at a time while it is written (bounded memory whatever the size).
     */
    private <R extends Record> Response export(
            BiFunction<Cursor, Integer, ExportPage<R>> pages,
            Class<R> rowType,
            String cursor,
            String limit,
            String all,
            HttpHeaders headers,
            UriInfo uri) {
        Cursor from = Cursor.decode(cursor);
        int size = limit(limit);
        if (!streamed(all, headers)) {
            return paged(pages.apply(from, size), uri);
        }
        return Response.ok(new ExportStream<>(after -> pages.apply(after, size), from, rowType))
                .type(CsvBodyWriter.TEXT_CSV)
                .build();
    }

    private static boolean streamed(String all, HttpHeaders headers) {
        if (all == null || all.isBlank() || all.equalsIgnoreCase("false")) {
            return false;
        }
        if (!all.equalsIgnoreCase("true")) {
            throw new InvalidFilterException("all", "all must be true or false");
        }
        MediaType wanted = headers.getAcceptableMediaTypes().get(0);
        if (!"csv".equals(wanted.getSubtype())) {
            throw new InvalidFilterException("all", "all=true streams CSV: add format=csv or Accept: text/csv");
        }
        return true;
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
