package io.quota.target.domain;

import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A new plan as the planner asked for it; {@link Plan#create} applies the rules. Absent parts are null. The period
 * is {@code periodStart}/{@code periodEnd} or {@code period} (PeriodSpec); the total is {@code total} or
 * {@code totalFromHistory} (prior actuals x (1 + growth)).
 */
public record PlanDraft(String id, String name, TaskType taskType, Metric metric, String unit, LocalDate periodStart,
                        LocalDate periodEnd, String timeZone, BigDecimal total, List<LevelDraft> levels,
                        WorkCalendar calendar, DriftPolicy driftPolicy, String period, Integer fiscalYearStartMonth,
                        HistoryTotal totalFromHistory, List<String> alertLevels) {

    public PlanDraft(String id, String name, TaskType taskType, Metric metric, String unit, LocalDate periodStart,
                     LocalDate periodEnd, String timeZone, BigDecimal total, List<LevelDraft> levels,
                     WorkCalendar calendar, DriftPolicy driftPolicy) {
        this(id, name, taskType, metric, unit, periodStart, periodEnd, timeZone, total, levels, calendar, driftPolicy,
                null, null, null, null);
    }

    /** A total of "history x (1 + growth)": the actuals between from and to (default: the year before the plan). */
    public record HistoryTotal(LocalDate from, LocalDate to, BigDecimal growth) {
    }
}
