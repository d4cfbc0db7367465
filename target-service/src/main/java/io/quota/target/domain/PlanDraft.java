package io.quota.target.domain;

import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A new plan as the planner asked for it; {@link Plan#create} applies the rules. Absent parts are null. */
public record PlanDraft(String id, String name, TaskType taskType, Metric metric, String unit, LocalDate periodStart,
                        LocalDate periodEnd, String timeZone, BigDecimal total, List<LevelDraft> levels,
                        WorkCalendar calendar, DriftPolicy driftPolicy) {
}
