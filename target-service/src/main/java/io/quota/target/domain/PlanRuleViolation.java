package io.quota.target.domain;

/** Input that is well-formed but breaks a planning rule; {@code field} names the offending input. */
public class PlanRuleViolation extends RuntimeException {
    private final String field;

    public PlanRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The same violation seen from an enclosing object, e.g. "weights" under "levels[1]". */
    public PlanRuleViolation under(String prefix) {
        PlanRuleViolation outer = new PlanRuleViolation(field == null ? prefix : prefix + "." + field, getMessage());
        outer.setStackTrace(getStackTrace());
        return outer;
    }
}
