package io.quota.target.domain;

import io.quota.contracts.Dimension;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A level as the planner asked for it, before the rules resolved it: members for EQUAL, weights for WEIGHTS
 * (territory ids, or months "2027-03" on a TIME level). Absent parts are null.
 */
public record LevelDraft(Dimension dimension, AllocationMethod method, Granularity granularity, List<String> members,
                         Map<String, BigDecimal> weights) {
}
