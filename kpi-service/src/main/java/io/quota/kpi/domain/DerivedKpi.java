package io.quota.kpi.domain;

import io.quota.contracts.Metric;

import java.math.BigDecimal;

/**
 * A derived KPI as a ratio of sums of two base metrics, never an average of ratios (DESIGN.md glossary).
 * AVG_CSAT is the CSAT score sum over the count of CSAT responses: every CSAT actual is one response (its value
 * the response's score), a reversal takes one away; ingestion keeps the counts beside the scores as CSAT in the
 * unit {@link #RESPONSES}, so every roll-up, filter and re-crediting of the scores applies to the counts alike.
 *
 * @param denominatorUnit the unit the denominator is counted in; null: any unit (not {@link #RESPONSES})
 */
public record DerivedKpi(Metric numerator, Metric denominator, String denominatorUnit) {
    /**
     * The unit CSAT response counts are kept in. No actual can be recorded in it (units are ISO currencies, COUNT
     * or RATIO), and sums "in any unit" leave it out.
     */
    public static final String RESPONSES = "RESPONSES";

    private static final BigDecimal ONE_RESPONSE = BigDecimal.ONE;

    /** The ratio a derived metric stands for; null for a base metric. */
    public static DerivedKpi of(Metric metric) {
        return switch (metric) {
            case CONVERSION_RATE -> new DerivedKpi(Metric.CONVERSIONS, Metric.LEADS, null);
            case AVG_ORDER_VALUE -> new DerivedKpi(Metric.REVENUE, Metric.ORDERS, null);
            case AVG_CSAT -> new DerivedKpi(Metric.CSAT, Metric.CSAT, RESPONSES);
            default -> null;
        };
    }

    /** The responses a CSAT actual stands for: one, and minus one for a reversal (it takes its original away). */
    public static BigDecimal responses(boolean reversal) {
        return reversal ? ONE_RESPONSE.negate() : ONE_RESPONSE;
    }
}
