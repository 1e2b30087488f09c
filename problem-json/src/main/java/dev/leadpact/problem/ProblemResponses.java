package dev.leadpact.problem;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** A problem as a JAX-RS response: its status, {@value Problem#MEDIA_TYPE}, and the problem as body. */
public final class ProblemResponses {
    private ProblemResponses() {}

    /** A builder to add headers to; the entity is the problem, for the service's JSON writer. */
    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    public static Response response(Problem problem) {
        return builder(problem).build();
    }

    /** A problem to be retried: 503 and 429 tell the client when with {@code Retry-After}. */
    public static Response retryAfter(Problem problem, int seconds) {
        return builder(problem)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
                .build();
    }
}
