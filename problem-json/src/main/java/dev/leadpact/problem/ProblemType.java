package dev.leadpact.problem;

import jakarta.ws.rs.core.Response;
import java.util.Objects;

/**
 * One reason a LeadPact service refuses or fails a request: a stable {@code type} URI
 * ({@value #BASE}{@code <reason>}), the HTTP status it comes with, and its title. A client switches on
 * the type, never on the title or the detail. Each service's README lists the types it answers.
 *
 * @param reason short, stable, lower-case and dashed; the last segment of the URI (also a metric tag)
 */
public record ProblemType(String reason, int status, String title) {
    public static final String BASE = "https://leadpact.dev/problems/";

    /** A query or path parameter that cannot be used; the problem names it as {@code parameter}. */
    public static final ProblemType INVALID_FILTER = new ProblemType("invalid-filter", 400, "Invalid filter");

    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404, "Not Found");
    public static final ProblemType METHOD_NOT_ALLOWED =
            new ProblemType("method-not-allowed", 405, "Method Not Allowed");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", 406, "Not Acceptable");
    public static final ProblemType TOO_LARGE = new ProblemType("too-large", 413, "Request Entity Too Large");
    public static final ProblemType URI_TOO_LONG = new ProblemType("uri-too-long", 414, "URI Too Long");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", 415, "Unsupported Media Type");

    /** A client posted more often than its rate limit allows; comes with {@code Retry-After}. */
    public static final ProblemType RATE_LIMITED = new ProblemType("rate-limited", 429, "Too Many Requests");

    /** A failure of the service itself; its detail names no class and no stack frame. */
    public static final ProblemType INTERNAL = new ProblemType("internal", 500, "Internal Server Error");

    public ProblemType {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(title, "title");
        if (!reason.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a reason is lower-case words joined by dashes: " + reason);
        }
    }

    public String uri() {
        return BASE + reason;
    }

    public Problem problem(String detail) {
        return new Problem(uri(), title, status, detail, null);
    }

    /**
     * The type of an HTTP status that the framework raised (no route, wrong method, wrong media type):
     * one of the constants above, else {@code http-<status>} titled with the status' reason phrase.
     */
    public static ProblemType forStatus(int status) {
        for (ProblemType known : new ProblemType[] {
            NOT_FOUND, METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, TOO_LARGE, URI_TOO_LONG, UNSUPPORTED_MEDIA_TYPE, RATE_LIMITED
        }) {
            if (known.status == status) {
                return known;
            }
        }
        if (status == 500) {
            return INTERNAL;
        }
        Response.Status phrase = Response.Status.fromStatusCode(status);
        return new ProblemType("http-" + status, status, phrase == null ? "HTTP " + status : phrase.getReasonPhrase());
    }
}
