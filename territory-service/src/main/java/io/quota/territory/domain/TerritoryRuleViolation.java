package io.quota.territory.domain;

/** A territory rule refused a change; {@code field} names the input that broke it. */
public class TerritoryRuleViolation extends RuntimeException {
    private final String field;

    public TerritoryRuleViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
