package dev.leadpact.reporting.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.problem.Problem;
import dev.leadpact.problem.ProblemResponses;
import dev.leadpact.problem.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * The one place errors become responses: application/problem+json of the shared shape, with a type
 * per reason (README, "Errors"), whatever the request asked for, and never an exception class name or
 * stack trace. The body is written here, as text, so that no CSV writer is ever asked for it.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    static final ProblemType REPORT_UNAVAILABLE = new ProblemType("report-unavailable", 503, "Report unavailable");
    static final ProblemType REPORT_TOO_LARGE = new ProblemType("report-too-large", 422, "Report too large");
    static final ProblemType INVALID_PROPOSAL = new ProblemType("invalid-proposal", 400, "Invalid proposal");
    static final ProblemType MONITOR_UNAVAILABLE =
            new ProblemType("monitor-unavailable", 503, "SLA monitor unavailable");
    static final ProblemType MONITOR_FAILED = new ProblemType("monitor-failed", 502, "SLA monitor failed");

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
            problem = Problem.of(
                    REPORT_UNAVAILABLE,
                    unavailable.timedOut()
                            ? "The report took longer than the query timeout; try again, or ask for a shorter range."
                            : "The report store cannot be reached; try again shortly.");
            retryAfter = unavailable.timedOut() ? "30" : "5";
        } else if (exception instanceof ReportTooLargeException tooLarge) {
            problem = Problem.of(REPORT_TOO_LARGE, tooLarge.getMessage());
        } else if (exception instanceof InvalidFilterException invalid) {
            problem =
                    Problem.of(ProblemType.INVALID_FILTER, invalid.getMessage()).with("parameter", invalid.parameter());
        } else if (exception instanceof InvalidProposalException invalid) {
            problem = Problem.of(INVALID_PROPOSAL, invalid.getMessage()).with("field", invalid.field());
        } else if (exception instanceof SlaMonitorException monitor) {
            LOG.warnf("what-if: %s", monitor.getMessage());
            problem = Problem.of(monitor.answered() ? MONITOR_FAILED : MONITOR_UNAVAILABLE, monitor.getMessage());
            retryAfter = monitor.answered() ? null : "10";
        } else if (exception instanceof WebApplicationException web) {
            problem = Problem.of(ProblemType.forStatus(web.getResponse().getStatus()), null);
        } else {
            LOG.error("report failed", exception);
            problem = Problem.of(ProblemType.INTERNAL, "The report could not be computed.");
        }
        Response.ResponseBuilder response = ProblemResponses.builder(problem).entity(write(problem));
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.build();
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"type\":\"" + problem.type() + "\",\"title\":\"" + problem.title() + "\",\"status\":"
                    + problem.status() + "}";
        }
    }
}
