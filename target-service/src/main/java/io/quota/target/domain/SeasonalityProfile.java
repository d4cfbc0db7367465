package io.quota.target.domain;

import io.quota.contracts.NodeKey;

import java.math.BigDecimal;
import java.time.Month;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A named, reusable seasonality profile (季节性): one weight per calendar month. A TIME level phases its parent
 * by it (a quarter weighs the sum of its months; a day its month's weight shared over the month's working days).
 */
public record SeasonalityProfile(String name, SortedMap<Month, BigDecimal> weights) {

    public SeasonalityProfile {
        weights = Collections.unmodifiableSortedMap(checked(weights, "weights"));
        if (name == null || !NodeKey.ID.matcher(name).matches()) {
            throw new PlanRuleViolation("name", "a profile name must match " + NodeKey.ID.pattern());
        }
    }

    /** Every month present, none negative, sum > 0. */
    public static SortedMap<Month, BigDecimal> checked(Map<Month, BigDecimal> weights, String field) {
        if (weights == null) {
            throw new PlanRuleViolation(field, "a seasonality profile needs a weight for every month");
        }
        SortedMap<Month, BigDecimal> sorted = new TreeMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Month m : Month.values()) {
            BigDecimal w = weights.get(m);
            if (w == null) {
                throw new PlanRuleViolation(field, "no weight for " + m + "; a profile needs all 12 months");
            }
            if (w.signum() < 0) {
                throw new PlanRuleViolation(field, "weight of " + m + " is negative: " + w);
            }
            sorted.put(m, w);
            sum = sum.add(w);
        }
        if (sum.signum() == 0) {
            throw new PlanRuleViolation(field, "weights are all zero: nothing to phase by");
        }
        return sorted;
    }

    public Map<Month, BigDecimal> asMap() {
        return new EnumMap<>(weights);
    }
}
