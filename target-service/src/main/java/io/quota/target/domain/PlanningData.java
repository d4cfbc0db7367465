package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * What drafting a plan reads from outside the plan: the territory replica, seasonality profiles and prior
 * actuals (kpi-service). Implementations may fail (kpi-service down): then nothing is drafted.
 */
public interface PlanningData {

    TerritoryDirectory territories();

    Optional<SeasonalityProfile> profile(String name);

    /** Actual totals of {@code metric} per member of {@code dimension} over {@code period}. */
    Map<String, BigDecimal> history(Metric metric, Dimension dimension, Period period);

    /** Actual totals of {@code metric} per member of {@code parent}, then per member of {@code dimension}. */
    Map<String, Map<String, BigDecimal>> history(Metric metric, Dimension parent, Dimension dimension, Period period);

    /** The actual total of {@code metric} over {@code period}. */
    BigDecimal history(Metric metric, Period period);

    /** Only territories and profiles; asking for history is a rule violation (tests, re-decompositions). */
    static PlanningData of(TerritoryDirectory territories) {
        return new PlanningData() {
            @Override
            public TerritoryDirectory territories() {
                return territories;
            }

            @Override
            public Optional<SeasonalityProfile> profile(String name) {
                return Optional.empty();
            }

            @Override
            public Map<String, BigDecimal> history(Metric metric, Dimension dimension, Period period) {
                throw new PlanRuleViolation("method", "no actuals are available here");
            }

            @Override
            public Map<String, Map<String, BigDecimal>> history(Metric metric, Dimension parent, Dimension dimension,
                                                                Period period) {
                throw new PlanRuleViolation("method", "no actuals are available here");
            }

            @Override
            public BigDecimal history(Metric metric, Period period) {
                throw new PlanRuleViolation("totalFromHistory", "no actuals are available here");
            }
        };
    }
}
