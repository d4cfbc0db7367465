package io.quota.kpi.domain;

import io.quota.contracts.Metric;

/** A period a planner closed (books done): metric null closes it for every metric. */
public record ClosedPeriod(long id, Metric metric, DateRange period, String reason) {
    public boolean closes(Metric m, java.time.LocalDate businessDate) {
        return (metric == null || metric == m) && period.contains(businessDate);
    }
}
