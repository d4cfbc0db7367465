package io.quota.platform.problem;

/** Raised by application services to answer with a problem+json of the given status, naming the field. */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String title;
    private final String field;

    public ProblemException(int status, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "Invalid input", detail, field);
    }

    public static ProblemException unprocessable(String field, String detail) {
        return new ProblemException(422, "Rule violated", detail, field);
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "Not found", what + " " + id + " does not exist", null);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, null);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Dependency unavailable", detail, null);
    }

    public Problem toProblem() {
        return Problem.of(status, title, getMessage(), field);
    }

    public int status() {
        return status;
    }
}
