package dev.leadpact.reporting.dashboard;

import dev.leadpact.apikeys.Roles;
import dev.leadpact.reporting.ReportingConfig;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The weekly meeting's page and its live breach feed. The page is static but for the reports' zone
 * ({@code leadpact.reporting.zone}, as {@code <body data-zone>}), in which its script picks today's
 * week and shows times; the script reads the reports with the key it was opened with ({@code ?token=}).
 */
@Path("/dashboard")
@RolesAllowed(Roles.READER)
@SecurityRequirement(name = "apiKey")
public class DashboardResource {
    /**
     * Scripts and data only from this service; the chart library sets inline styles. No referrer, so
     * the key in the page's URL does not travel on to anywhere.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; connect-src 'self';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private static final String ZONE = "{{zone}}";

    private final BreachFeed feed;
    private final byte[] page;

    DashboardResource(BreachFeed feed, ReportingConfig config) {
        this.feed = feed;
        this.page = render(config);
    }

    /** The page with the zone in it: a zone id is letters, digits and {@code /_+-:}, nothing to escape. */
    private static byte[] render(ReportingConfig config) {
        String html = new String(read("dashboard.html"), StandardCharsets.UTF_8);
        if (!html.contains(ZONE)) {
            throw new IllegalStateException("dashboard.html has no " + ZONE);
        }
        return html.replace(ZONE, config.zone().getId()).getBytes(StandardCharsets.UTF_8);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary = "The dashboard of the weekly SLA meeting",
            description = "An HTML page: funnel, both sides' SLA scorecard against target, speed-to-lead"
                    + " distribution, revenue by channel under a chosen attribution model, and a live feed of"
                    + " breaches, for a chosen week or month. Open it as /dashboard?token=<key>; optional"
                    + " period=week|month, start=<ISO date in the period>, model=<attribution model>.")
    @APIResponse(responseCode = "200", description = "The page")
    public Response page() {
        return Response.ok(page, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .build();
    }

    @GET
    @Path("/breaches")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The latest SLA breaches, escalations and retractions",
            description = "Newest first by detection time: what the dashboard's feed shows before live ones arrive."
                    + " A LEAD_VOLUME_SHORTFALL carries its scope (team:<team> or segment:<SEGMENT>) as scope (and,"
                    + " for readers from before scope, as leadId), and delivered, expected and gap.")
    @APIResponse(
            responseCode = "200",
            description = "The breaches",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = BreachFeedItem.class),
                            examples = @ExampleObject(name = "json", value = FEED_EXAMPLE)))
    @APIResponse(
            responseCode = "400",
            description = "limit is not between 1 and 100",
            content = @Content(mediaType = "application/problem+json"))
    public List<BreachFeedItem> recent(
            @Parameter(description = "how many, 1 to 100 (default 20)") @QueryParam("limit") String limit) {
        return feed.recent(limit);
    }

    @GET
    @Path("/breaches/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Live SLA breaches, escalations and retractions as server-sent events",
            description = "One JSON event per breach, escalation or retraction on sla.breaches.v1 from the moment of"
                    + " connecting, shaped like /dashboard/breaches. Browsers pass the key as ?token=, since"
                    + " EventSource cannot set headers.")
    @APIResponse(responseCode = "200", description = "An endless text/event-stream")
    public Multi<BreachFeedItem> stream() {
        return feed.live();
    }

    static final String FEED_EXAMPLE = """
            [{"eventId":"scn-s-3m","breachId":"brc-l3-am","kind":"BREACH","rule":"ATTEMPT_MINIMUM_MISSED",
              "title":"Breach: Attempt minimum missed","leadId":"lead-scn-3","scope":null,"ownerId":"rep-jane","segment":"LARGE","stage":"SQL","team":null,
              "dueAt":"2026-11-12T09:00:00Z","detectedAt":"2026-11-12T09:00:01Z","lateBySeconds":1,
              "attemptsMade":null,"attemptsRequired":null,"delivered":null,"expected":null,"gap":null},
             {"eventId":"scn-s-vol","breachId":"brc-vol-w1","kind":"BREACH","rule":"LEAD_VOLUME_SHORTFALL",
              "title":"Breach: Lead volume shortfall","leadId":"team:emea","scope":"team:emea","ownerId":null,"segment":null,"stage":null,"team":"emea",
              "dueAt":"2026-11-08T00:00:00Z","detectedAt":"2026-11-08T00:00:00.200Z","lateBySeconds":0,
              "attemptsMade":null,"attemptsRequired":null,"delivered":20,"expected":38,"gap":18}]""";

    private static byte[] read(String resource) {
        try (InputStream in = DashboardResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
