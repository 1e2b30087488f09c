package dev.leadpact.intake;

import java.util.List;

/** Ends a request with a problem+json answer. */
public class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(int status, String reason, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.problem = new Problem(Problem.type(reason), title, status, detail, List.copyOf(errors));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(
                422, "validation", "Invalid input", "Some fields are missing or invalid; nothing was stored.", errors);
    }

    public static ProblemException malformed(String field, String message) {
        return new ProblemException(
                400,
                "malformed",
                "Malformed request",
                "The body could not be read; nothing was stored.",
                field == null ? List.of() : List.of(new Problem.FieldError(field, message)));
    }

    public Problem problem() {
        return problem;
    }
}
