package io.quota.target.domain;

import io.quota.contracts.Dimension;

import java.math.BigDecimal;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** One step of decomposition (拆解层级): a dimension and an allocation method. */
public sealed interface Level permits TerritoryLevel, TimeLevel {

    Dimension dimension();

    AllocationMethod method();

    /** The children of {@code parent} at this level, each with its share of the parent's amount. */
    java.util.List<Branch> branches(Node parent);

    /** How many children every parent gets at this level (all parents get the same children in the slice). */
    int fanOut(Period planPeriod);

    /** The level written the way a planner drafts one (members resolved), e.g. to store or show it. */
    LevelDraft toDraft();

    /** A stored level back: the rules that needed the replica were applied when the plan was drafted. */
    static Level restore(LevelDraft d, Period planPeriod) {
        return d.dimension() == Dimension.TIME ? TimeLevel.resolve(d, planPeriod)
                : new TerritoryLevel(d.method(), d.members(), d.weights() == null ? null : new TreeMap<>(d.weights()));
    }

    /** Checks a WEIGHTS map: at least one weight, none negative, not all zero. Field "weights". */
    static <K extends Comparable<K>> SortedMap<K, BigDecimal> checkedWeights(Map<K, BigDecimal> weights) {
        if (weights == null || weights.isEmpty()) {
            throw new PlanRuleViolation("weights", "WEIGHTS needs a weight per member");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<K, BigDecimal> w : weights.entrySet()) {
            if (w.getValue() == null || w.getValue().signum() < 0) {
                throw new PlanRuleViolation("weights", "weight of " + w.getKey() + " must be a number >= 0");
            }
            sum = sum.add(w.getValue());
        }
        if (sum.signum() == 0) {
            throw new PlanRuleViolation("weights", "weights are all zero: nothing to split by");
        }
        return new TreeMap<>(weights);
    }
}
