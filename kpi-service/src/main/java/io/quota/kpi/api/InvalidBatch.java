package io.quota.kpi.api;

import io.quota.platform.problem.Problem;

import java.util.List;

/** Items of a posted batch that cannot be read or break a rule; the problem lists each with its index. */
public class InvalidBatch extends RuntimeException {
    private final List<Problem.FieldError> errors;

    public InvalidBatch(List<Problem.FieldError> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
