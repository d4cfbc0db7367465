package io.quota.kpi.domain;

import io.quota.contracts.Metric;

/**
 * A derived KPI as a ratio of sums of two base metrics (never an average of ratios). AVG_CSAT would need the
 * count of responses, which the daily aggregates do not keep: it is not served.
 */
public record DerivedKpi(Metric numerator, Metric denominator) {
    /** The ratio a derived metric stands for; null for a base metric and for AVG_CSAT. */
    public static DerivedKpi of(Metric metric) {
        return switch (metric) {
            case CONVERSION_RATE -> new DerivedKpi(Metric.CONVERSIONS, Metric.LEADS);
            case AVG_ORDER_VALUE -> new DerivedKpi(Metric.REVENUE, Metric.ORDERS);
            default -> null;
        };
    }
}
