package dev.leadpact.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.leadpact.problem.Problem;
import dev.leadpact.problem.ProblemResponses;
import dev.leadpact.problem.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns failures into {@code application/problem+json} and counts rejections. */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** How Jackson's duplicate detection names the key it found twice. */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']*)'");

    private final MeterRegistry registry;

    ProblemMapper(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.problem());
    }

    /** Unparseable JSON or a value of the wrong type: 400 naming the field. */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return respond(fromJackson(e).problem());
    }

    /** More specific than the above, so that it wins over Quarkus' own mapper for the same type. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        ProblemType type = ProblemType.forStatus(e.getResponse().getStatus());
        String detail = type.equals(ProblemType.UNSUPPORTED_MEDIA_TYPE)
                ? "Send application/json, or application/x-www-form-urlencoded to a form endpoint."
                : e.getMessage();
        return respond(Problem.of(type, detail));
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected failure", e);
        return respond(Problem.of(ProblemType.INTERNAL, "The request failed; nothing was stored."));
    }

    static ProblemException fromJackson(JsonProcessingException e) {
        // the two refusals of StrictJson: say what is wrong rather than "could not be read"
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE_FIELD.matcher(original);
        if (duplicate.lookingAt()) {
            return ProblemException.malformed(duplicate.group(1), "appears more than once");
        }
        if (original.startsWith("Trailing token")) {
            return new ProblemException(
                    ProblemException.MALFORMED,
                    "The body has more after its JSON value; nothing was stored.",
                    List.of());
        }
        String field = e instanceof JsonMappingException mapping
                        && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."))
                : null;
        String message = e instanceof InvalidFormatException invalid
                ? "has the wrong type or format: expected " + describe(invalid.getTargetType())
                : "could not be read";
        return ProblemException.malformed(field, field == null ? null : message);
    }

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + List.of(type.getEnumConstants());
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-11-20T16:30:00Z";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return type.getSimpleName();
    }

    private Response respond(Problem problem) {
        if (problem.status() >= 400 && problem.status() < 500 || problem.status() == 503) {
            countRejected(registry, problem);
        }
        return problem.status() == 503 ? ProblemResponses.retryAfter(problem, 5) : ProblemResponses.response(problem);
    }

    /** Counts a refused request by its reason: the {@code leadpact.intake.rejected} metric. */
    static void countRejected(MeterRegistry registry, Problem problem) {
        registry.counter("leadpact.intake.rejected", "reason", problem.reason()).increment();
    }
}
