package io.quota.kpi.application;

import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;
import io.quota.contracts.events.Figures;

/**
 * The figures of a node as shown (rounded for display). {@code cells} counts the cells summed: those lying wholly
 * inside the period; {@code cellsPartlyInside} counts those left out because the period covers them only in part.
 */
public record Attainment(String planId, int version, String nodeKey, Metric metric, String unit, Figures figures,
                         DriftState state, int cells, long cellsPartlyInside) {
}
