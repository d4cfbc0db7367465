package io.quota.territory.application;

/** A boundary rule of a model as clients see it (condition values normalised: trimmed, upper case). */
public record RuleView(String modelId, String id, String territoryId, int priority, ConditionSpec condition) {
}
