package dev.leadpact.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents what every operation answers in common, as the HTTP permissions enforce it for every
 * path outside {@code /q}: 401 without a known key, 403 without the reader role, and, where an
 * operation takes query parameters, 400 with a problem for an invalid one (unless it documents its
 * own); and for the reports, exports and journeys, 422 for an answer over the row limit (reports)
 * and 503 for a statement past the query timeout. Registered with {@code mp.openapi.filter}.
 */
public class AccessResponses implements OASFilter {
    private static final Object PROBLEM_EXAMPLE = parse(ApiExamples.PROBLEM);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/q/")) {
                item.getOperations().values().forEach(AccessResponses::document);
            }
            if (path.startsWith("/reports/") || path.startsWith("/exports/") || path.startsWith("/leads/")) {
                item.getOperations().values().forEach(o -> limits(o, path.startsWith("/reports/")));
            }
        });
    }

    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean filtered = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        if (filtered && !responses.hasAPIResponse("400")) {
            responses.addAPIResponse(
                    "400",
                    OASFactory.createAPIResponse()
                            .description("A filter is invalid")
                            .content(OASFactory.createContent()
                                    .addMediaType(
                                            "application/problem+json",
                                            OASFactory.createMediaType()
                                                    .addExample(
                                                            "problem",
                                                            OASFactory.createExample()
                                                                    .value(PROBLEM_EXAMPLE)))));
        }
        if (!responses.hasAPIResponse("401")) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse().description("No or an unknown API key"));
        }
        if (!responses.hasAPIResponse("403")) {
            responses.addAPIResponse(
                    "403", OASFactory.createAPIResponse().description("The key lacks the reader role"));
        }
    }

    /** What a report that cannot be served answers: never a 500, never a hung request. */
    private static void limits(Operation operation, boolean grouped) {
        APIResponses responses = operation.getResponses();
        if (grouped && !responses.hasAPIResponse("422")) {
            responses.addAPIResponse(
                    "422",
                    problem("The report would have more rows than one answer may hold (leadpact.reporting.max-rows)"));
        }
        if (!responses.hasAPIResponse("503")) {
            responses.addAPIResponse(
                    "503",
                    problem("The report ran past leadpact.reporting.query-timeout, or the database cannot be"
                                    + " reached; see Retry-After")
                            .addHeader("Retry-After", OASFactory.createHeader().description("seconds")));
        }
    }

    private static org.eclipse.microprofile.openapi.models.responses.APIResponse problem(String description) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType("application/problem+json", OASFactory.createMediaType()));
    }

    private static Object parse(String json) {
        try {
            return new ObjectMapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ApiExamples.PROBLEM is not JSON", e);
        }
    }
}
