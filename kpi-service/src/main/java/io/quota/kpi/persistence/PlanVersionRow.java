package io.quota.kpi.persistence;

import io.quota.contracts.Metric;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.PlanTerms;

import java.time.ZoneId;

/**
 * A stored plan version; header fields are null while its PlanPublished has not arrived.
 *
 * @param fiscalYearStartMonth as PlanPublished gave it; null from producers that predate it
 */
public record PlanVersionRow(String planId, int version, Metric metric, String unit, DateRange period, String timeZone,
                            WorkCalendar calendar, DriftPolicy driftPolicy, Integer cellCount, boolean published,
                            int arrived, PlanStatus status, Integer fiscalYearStartMonth) {

    /** The first month of the plan's fiscal years (FY2027, FY2027-Q1): as published, else its period's first month. */
    public int fiscalPeriodsStartMonth() {
        return fiscalYearStartMonth != null ? fiscalYearStartMonth : period.from().getMonthValue();
    }

    /** The first month of its quarter and year grains (alert levels, groupBy): as published, else January. */
    public int grainsStartMonth() {
        return fiscalYearStartMonth != null ? fiscalYearStartMonth : 1;
    }

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
