package io.quota.kpi.persistence;

import io.quota.contracts.Metric;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.PlanTerms;

import java.time.ZoneId;

/** A stored plan version; header fields are null while its PlanPublished has not arrived. */
public record PlanVersionRow(String planId, int version, Metric metric, String unit, DateRange period, String timeZone,
                            WorkCalendar calendar, DriftPolicy driftPolicy, Integer cellCount, boolean published,
                            int arrived, PlanStatus status) {

    public PlanTerms terms() {
        return new PlanTerms(planId, version, metric, unit, period);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** Published and every announced cell stored: the version may become active. */
    public boolean complete() {
        return published && cellCount != null && arrived == cellCount;
    }
}
