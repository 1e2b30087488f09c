package dev.leadpact.monitor.ops;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * The one exception mapper: every error becomes {@code application/problem+json}. Client errors
 * keep their message (written by this service for the client); anything else is logged and
 * answered with a generic 500 that names no class.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Exception> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Exception exception) {
        int status;
        String detail;
        String problemType = "about:blank";
        if (exception instanceof WebApplicationException) {
            status = ((WebApplicationException) exception).getResponse().getStatus();
            detail = status == 404 && exception instanceof NotFound ? exception.getMessage() : null;
        } else if (exception instanceof InvalidRequest) {
            status = 400;
            detail = exception.getMessage();
            // The same type as the reporting service's bad filters.
            problemType = "https://leadpact.dev/problems/invalid-filter";
        } else {
            status = 500;
            detail = null;
            LOG.error("Request failed", exception);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "Error";
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(problemType, title, status, detail))
                .build();
    }

    /** A request this service refuses, with a message fit for the client. */
    public static final class InvalidRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidRequest(String message) {
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
