package io.quota.kpi.domain;

import io.quota.contracts.Metric;

/** What an actual is held to by one active plan version: its metric, unit and period. */
public record PlanTerms(String planId, int version, Metric metric, String unit, DateRange period) {
}
