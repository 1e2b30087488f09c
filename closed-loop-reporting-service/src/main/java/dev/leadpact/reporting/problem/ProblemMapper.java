package dev.leadpact.reporting.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * The one place errors become responses: application/problem+json, whatever the request asked for,
 * and never an exception class name or stack trace.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final ObjectMapper json;

    public ProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Response toResponse(Exception exception) {
        Problem problem;
        if (exception instanceof InvalidFilterException invalid) {
            problem = new Problem(
                    "https://leadpact.dev/problems/invalid-filter",
                    "Invalid filter",
                    400,
                    invalid.getMessage(),
                    invalid.parameter());
        } else if (exception instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            Response.Status known = Response.Status.fromStatusCode(status);
            problem = new Problem(
                    "about:blank", known == null ? "HTTP " + status : known.getReasonPhrase(), status, null, null);
        } else {
            LOG.error("report failed", exception);
            problem =
                    new Problem("about:blank", "Internal Server Error", 500, "The report could not be computed.", null);
        }
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(write(problem))
                .build();
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
        }
    }
}
