package dev.leadpact.monitor.ops;

import dev.leadpact.problem.Problem;
import dev.leadpact.problem.ProblemResponses;
import dev.leadpact.problem.ProblemType;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * The one exception mapper: every error becomes {@code application/problem+json} of the shared
 * shape, with a type of its own per reason (README, "Errors"). Client errors keep their message
 * (written by this service for the client); anything else is logged and answered with a generic 500
 * that names no class.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Exception exception) {
        Problem problem;
        if (exception instanceof InvalidRequest invalid) {
            // the same type as the reporting service's bad filters
            problem =
                    Problem.of(ProblemType.INVALID_FILTER, invalid.getMessage()).with("parameter", invalid.parameter());
        } else if (exception instanceof TooMany tooMany) {
            return ProblemResponses.retryAfter(Problem.of(ProblemType.RATE_LIMITED, tooMany.getMessage()), 60);
        } else if (exception instanceof NotFound notFound) {
            problem = Problem.of(ProblemType.NOT_FOUND, notFound.getMessage());
        } else if (exception instanceof WebApplicationException web) {
            // the framework's own (no route, wrong method or media type): its message may name internals
            problem = Problem.of(ProblemType.forStatus(web.getResponse().getStatus()), null);
        } else {
            LOG.error("Request failed", exception);
            problem = Problem.of(ProblemType.INTERNAL, "The request failed.");
        }
        return ProblemResponses.response(problem);
    }

    /** A query parameter this service refuses, with a message fit for the client. */
    public static final class InvalidRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        public InvalidRequest(String parameter, String message) {
            super(message, null, false, false);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /** More work than the service takes at once; the client may retry (429 with Retry-After). */
    public static final class TooMany extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TooMany(String message) {
            super(message, null, false, false);
        }
    }

    /** A resource that does not exist, with a message fit for the client. */
    public static final class NotFound extends WebApplicationException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message, 404);
        }
    }
}
