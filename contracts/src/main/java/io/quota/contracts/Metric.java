package io.quota.contracts;

/** What is counted (指标). Derived KPIs are ratios of two base metrics and are never summed or split. */
public enum Metric {
    REVENUE, COLLECTIONS, ORDERS, NEW_CUSTOMERS, LEADS, CONVERSIONS, VISITS, CSAT,
    CONVERSION_RATE, AVG_ORDER_VALUE, AVG_CSAT;

    public boolean derived() {
        return this == CONVERSION_RATE || this == AVG_ORDER_VALUE || this == AVG_CSAT;
    }
}
