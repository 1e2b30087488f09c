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
        String retryAfter = null;
        if (exception instanceof ReportUnavailableException unavailable) {
            LOG.warnf("report unavailable: %s", unavailable.getMessage());
            problem = new Problem(
                    "https://leadpact.dev/problems/report-unavailable",
                    "Report unavailable",
                    503,
                    unavailable.timedOut()
                            ? "The report took longer than the query timeout; try again, or ask for a shorter range."
                            : "The report store cannot be reached; try again shortly.",
                    null);
            retryAfter = unavailable.timedOut() ? "30" : "5";
        } else if (exception instanceof ReportTooLargeException tooLarge) {
            problem = new Problem(
                    "https://leadpact.dev/problems/report-too-large",
                    "Report too large",
                    422,
                    tooLarge.getMessage(),
                    null);
        } else if (exception instanceof InvalidFilterException invalid) {
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
        Response.ResponseBuilder response =
                Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(write(problem));
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
        }
    }
}
