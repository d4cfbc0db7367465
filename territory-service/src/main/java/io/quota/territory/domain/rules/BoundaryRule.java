package io.quota.territory.domain.rules;

import io.quota.territory.domain.TerritoryRuleViolation;

import java.util.Objects;

/**
 * One boundary rule of a leaf territory: accounts matching {@code condition} belong to {@code territoryId}, unless
 * a rule of higher {@code priority} also matches them. Equal priorities that disagree are an overlap, reported,
 * never silently resolved.
 */
public record BoundaryRule(String ruleId, String territoryId, int priority, Condition condition) {
    public static final int MIN_PRIORITY = 0;
    public static final int MAX_PRIORITY = 1_000_000;

    public BoundaryRule {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(territoryId, "territoryId");
        Objects.requireNonNull(condition, "condition");
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new TerritoryRuleViolation("priority", "priority is from " + MIN_PRIORITY + " to " + MAX_PRIORITY);
        }
    }
}
