package dev.leadpact.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.problem.Problem;
import dev.leadpact.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, before any body is read, what a request must not be: a path and query over {@code
 * leadpact.http.max-uri-length} (414), a declared body over {@code quarkus.http.limits.max-body-size}
 * (413), and a post to a public endpoint past its client's rate limit (429 with {@code
 * Retry-After}). Each as problem+json, which the HTTP layer's own refusals are not: it runs ahead of
 * Quarkus' body-size check, which is left in place for a chunked body with no declared length.
 */
@ApplicationScoped
class RequestGuard {
    /** Ahead of Quarkus' upload limit ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT}, -2). */
    private static final int ORDER = -3;

    private final int maxUriLength;
    private final long maxBodyBytes;
    private final ClientRateLimit rateLimit;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    RequestGuard(
            IntakeConfig config,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            Clock clock,
            ObjectMapper json,
            MeterRegistry registry) {
        this.maxUriLength = config.http().maxUriLength();
        this.maxBodyBytes = maxBodySize.asLongValue();
        IntakeConfig.RateLimit limit = config.http().rateLimit();
        this.rateLimit = limit.enabled()
                ? new ClientRateLimit(limit.requests(), limit.window(), limit.maxClients(), clock)
                : null;
        this.json = json;
        this.registry = registry;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > maxUriLength) {
            refuse(
                    context,
                    ProblemType.URI_TOO_LONG,
                    "The path and query may have at most " + maxUriLength + " characters.",
                    0);
            return;
        }
        if (declaredLength(request) > maxBodyBytes) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(
                    context,
                    ProblemType.TOO_LARGE,
                    "The body may have at most " + maxBodyBytes + " bytes; nothing was stored.",
                    0);
            return;
        }
        if (rateLimit != null && request.method() == HttpMethod.POST && isPublic(context.normalizedPath())) {
            // no remote address (a Unix domain socket): one window for all such clients
            long wait = rateLimit.admit(
                    request.remoteAddress() == null
                            ? "local"
                            : request.remoteAddress().hostAddress());
            if (wait > 0) {
                refuse(context, ProblemType.RATE_LIMITED, "Too many posts from this client; nothing was stored.", wait);
                return;
            }
        }
        context.next();
    }

    /** The endpoints a browser or a tag posts to; the signed webhooks are not limited here. */
    private static boolean isPublic(String path) {
        return path.equals("/conversions") || path.startsWith("/forms/");
    }

    /** The declared body length, or -1 when there is none or it is not a number (the HTTP layer's case). */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void refuse(RoutingContext context, ProblemType type, String detail, long retryAfterSeconds) {
        Problem problem = Problem.of(type, detail);
        ProblemMapper.countRejected(registry, problem);
        byte[] body;
        try {
            body = json.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem is always JSON", e);
        }
        var response =
                context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (retryAfterSeconds > 0) {
            response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        }
        response.end(io.vertx.core.buffer.Buffer.buffer(body));
    }
}
