package dev.leadpact.intake;

import dev.leadpact.problem.Problem;
import dev.leadpact.problem.ProblemType;
import java.util.List;

/** Ends a request with a problem+json answer; input problems name their fields in {@code errors}. */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final ProblemType MALFORMED = new ProblemType("malformed", 400, "Malformed request");
    static final ProblemType SIGNATURE = new ProblemType("signature", 401, "Invalid webhook signature");
    static final ProblemType UNKNOWN_FORM = new ProblemType("unknown-form", 404, "Unknown form");
    static final ProblemType VALIDATION = new ProblemType("validation", 422, "Invalid input");
    static final ProblemType UNAVAILABLE = new ProblemType("unavailable", 503, "Event store unavailable");

    private final transient Problem problem;
    private final transient List<FieldError> errors;

    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.errors = List.copyOf(errors);
        this.problem = Problem.of(type, detail).with("errors", this.errors);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(VALIDATION, "Some fields are missing or invalid; nothing was stored.", errors);
    }

    public static ProblemException malformed(String field, String message) {
        return new ProblemException(
                MALFORMED,
                "The body could not be read; nothing was stored.",
                field == null ? List.of() : List.of(new FieldError(field, message)));
    }

    public Problem problem() {
        return problem;
    }

    /** The invalid fields, empty when the problem is not about one. */
    public List<FieldError> errors() {
        return errors;
    }
}
