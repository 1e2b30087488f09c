package dev.leadpact.intake;

import dev.leadpact.events.Utm;
import dev.leadpact.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

/**
 * What a plain HTML {@code <form method="post">} posts. Field names are those of the JSON
 * conversion, with {@code utm_source}, {@code utm_medium}, ... for the campaign parameters.
 */
@Path("/forms/{formId}")
@Tag(name = "Conversions")
public class FormResource {

    private final ConversionIntake intake;
    private final MeterRegistry registry;

    FormResource(ConversionIntake intake, MeterRegistry registry) {
        this.intake = intake;
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(summary = "Record a conversion posted by an HTML form")
    @APIResponse(responseCode = "303", description = "Accepted: go to the form's thank-you page (or its error page)")
    @APIResponse(responseCode = "202", description = "Accepted, for a client that asks for JSON")
    @APIResponse(responseCode = "404", description = "No such form")
    @APIResponse(responseCode = "422", description = "Invalid input, for a client that asks for JSON")
    @APIResponse(responseCode = "429", description = "Past this client's rate limit; see Retry-After")
    public Uni<Response> post(
            @RestPath String formId,
            MultivaluedMap<String, String> fields,
            @RestHeader(HttpHeaders.ACCEPT) String accept,
            @RestHeader("Idempotency-Key") String idempotencyKey,
            @RestHeader("Referer") String referer) {
        IntakeConfig.Form form = intake.form(formId);
        boolean wantsJson = accept != null && accept.contains("json") && !accept.contains("text/html");
        return Uni.createFrom()
                .deferred(() -> intake.accept(toRequest(fields, referer), formId, idempotencyKey))
                .map(accepted -> {
                    registry.counter("leadpact.intake.accepted", "kind", "form").increment();
                    return wantsJson
                            ? Response.accepted(accepted).build()
                            : Response.seeOther(URI.create(form.thankYouUrl())).build();
                })
                .onFailure(ProblemException.class)
                .recoverWithUni(failure -> {
                    if (wantsJson || form.errorUrl().isEmpty()) {
                        return Uni.createFrom().failure(failure);
                    }
                    return Uni.createFrom()
                            .item(redirectToErrorPage(form.errorUrl().get(), failure));
                });
    }

    /**
     * The form's error page gets the reason and the invalid fields as query parameters.
     *
     * @param failure a {@link ProblemException}: only those are recovered from
     */
    private Response redirectToErrorPage(String errorUrl, Throwable failure) {
        ProblemException rejected = (ProblemException) failure;
        Problem problem = rejected.problem();
        ProblemMapper.countRejected(registry, problem);
        String fields = rejected.errors().stream().map(FieldError::field).collect(Collectors.joining(","));
        StringBuilder target = new StringBuilder(errorUrl)
                .append(errorUrl.contains("?") ? '&' : '?')
                .append("error=")
                .append(encode(problem.reason()));
        if (!fields.isEmpty()) {
            target.append("&fields=").append(encode(fields));
        }
        return Response.seeOther(URI.create(target.toString())).build();
    }

    /** A browser's Referer is the page the form was on: the page URL when the form did not say. */
    static ConversionRequest toRequest(MultivaluedMap<String, String> form, String referer) {
        List<FieldError> errors = new ArrayList<>();
        Integer employees = null;
        String employeeText = blankToNull(form.getFirst("employees"));
        if (employeeText != null) {
            try {
                employees = Integer.valueOf(employeeText.strip());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("employees", "must be a whole number"));
            }
        }
        Instant occurredAt = null;
        String occurredText = blankToNull(form.getFirst("occurredAt"));
        if (occurredText != null) {
            try {
                occurredAt = Instant.parse(occurredText.strip());
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("occurredAt", "must be an ISO-8601 instant such as 2026-11-20T16:30:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Utm utm = new Utm(
                blankToNull(form.getFirst("utm_source")),
                blankToNull(form.getFirst("utm_medium")),
                blankToNull(form.getFirst("utm_campaign")),
                blankToNull(form.getFirst("utm_term")),
                blankToNull(form.getFirst("utm_content")));
        boolean noUtm = utm.source() == null
                && utm.medium() == null
                && utm.campaign() == null
                && utm.term() == null
                && utm.content() == null;
        return new ConversionRequest(
                blankToNull(form.getFirst("email")),
                null,
                blankToNull(form.getFirst("firstName")),
                blankToNull(form.getFirst("lastName")),
                blankToNull(form.getFirst("phone")),
                blankToNull(form.getFirst("jobTitle")),
                blankToNull(form.getFirst("company")),
                employees,
                blankToNull(form.getFirst("country")),
                blankToNull(form.getFirst("channel")),
                form.getFirst("pageUrl") == null ? blankToNull(referer) : blankToNull(form.getFirst("pageUrl")),
                blankToNull(form.getFirst("landingPage")),
                blankToNull(form.getFirst("referrer")),
                noUtm ? null : utm,
                occurredAt,
                blankToNull(form.getFirst("submissionId")),
                blankToNull(form.getFirst("crmLeadId")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
