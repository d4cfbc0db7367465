package io.quota.target.domain;

import io.quota.contracts.Dimension;

import java.math.BigDecimal;
import java.time.Month;
import java.util.List;
import java.util.Map;

/**
 * A level as the planner asked for it (or as stored, with everything the rules resolved written out): members;
 * weights per member (TIME: per period label, 2027-03 for a month, else the start date), optionally per parent
 * (keyed by the parent's member or period label at the level above); MANUAL amounts, optionally per parent;
 * pins (members whose amount is fixed), optionally per parent; a seasonality profile by name or inline (TIME);
 * {@code byParent} (HISTORY): each parent's children weighed by that parent's own prior actuals. Absent parts are
 * null.
 */
public record LevelDraft(Dimension dimension, AllocationMethod method, Granularity granularity, List<String> members,
                         Map<String, BigDecimal> weights, Map<String, Map<String, BigDecimal>> weightsByParent,
                         Map<String, BigDecimal> amounts, Map<String, Map<String, BigDecimal>> amountsByParent,
                         Map<String, BigDecimal> pins, Map<String, Map<String, BigDecimal>> pinsByParent,
                         String profile, Map<Month, BigDecimal> seasonality, Boolean byParent) {

    public LevelDraft(Dimension dimension, AllocationMethod method, Granularity granularity, List<String> members,
                      Map<String, BigDecimal> weights, Map<String, Map<String, BigDecimal>> weightsByParent,
                      Map<String, BigDecimal> amounts, Map<String, Map<String, BigDecimal>> amountsByParent,
                      Map<String, BigDecimal> pins, Map<String, Map<String, BigDecimal>> pinsByParent,
                      String profile, Map<Month, BigDecimal> seasonality) {
        this(dimension, method, granularity, members, weights, weightsByParent, amounts, amountsByParent, pins,
                pinsByParent, profile, seasonality, null);
    }

    public LevelDraft(Dimension dimension, AllocationMethod method, Granularity granularity, List<String> members,
                      Map<String, BigDecimal> weights) {
        this(dimension, method, granularity, members, weights, null, null, null, null, null, null, null, null);
    }
}
