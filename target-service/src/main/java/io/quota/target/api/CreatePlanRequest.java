package io.quota.target.api;

import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import io.quota.target.domain.PlanDraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Body of POST /api/plans. Bean Validation bounds the input (400); the planning rules (422) live in the domain.
 * The total has at most 14 integer digits (18 digits in all with the largest minor unit, 4): cells are stored
 * as numeric(20,6).
 */
public record CreatePlanRequest(
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
        @NotBlank @Size(max = 200) String name,
        @NotNull TaskType taskType,
        @NotNull Metric metric,
        @NotBlank @Pattern(regexp = "[A-Z]{3}|COUNT|RATIO", message = "must be an ISO 4217 currency code, COUNT or RATIO")
        String unit,
        LocalDate periodStart,
        LocalDate periodEnd,
        @NotBlank @Size(max = 64) String timeZone,
        @DecimalMin("0") @Digits(integer = 14, fraction = 6) BigDecimal total,
        @NotEmpty @Size(max = 8) List<@Valid @NotNull LevelRequest> levels,
        @Valid CalendarRequest calendar,
        @Valid DriftPolicyRequest driftPolicy,
        @Size(max = 40) @Pattern(regexp = "[A-Z0-9.\\-]{4,40}", message = "must look like FY2027, FY2027-Q2, 2027-Q1, 2027-03 or 2027-03..2027-05")
        String period,
        @Min(1) @Max(12) Integer fiscalYearStartMonth,
        @Valid HistoryTotalRequest totalFromHistory,
        @Size(max = 10) List<@NotNull @Size(max = 100) String> alertLevels) {

    /** "history x (1 + growth)": actuals from..to (default: the year before the plan period), growth 0.20 = +20%. */
    public record HistoryTotalRequest(LocalDate from, LocalDate to,
                                      @NotNull @DecimalMin("-1") @DecimalMax("100") @Digits(integer = 3, fraction = 6) BigDecimal growth) {
    }

    PlanDraft toDraft() {
        if (period == null && periodStart == null) {
            throw io.quota.platform.problem.ProblemException.badRequest("periodStart", "give periodStart and periodEnd, or period");
        }
        if (period == null && periodEnd == null) {
            throw io.quota.platform.problem.ProblemException.badRequest("periodEnd", "give periodStart and periodEnd, or period");
        }
        if (total == null && totalFromHistory == null) {
            throw io.quota.platform.problem.ProblemException.badRequest("total", "give total, or totalFromHistory");
        }
        return new PlanDraft(id, name, taskType, metric, unit, periodStart, periodEnd, timeZone, total,
                levels.stream().map(LevelRequest::toDraft).toList(),
                calendar == null ? null : calendar.toCalendar(),
                driftPolicy == null ? null : driftPolicy.toPolicy(), period, fiscalYearStartMonth,
                totalFromHistory == null ? null : new PlanDraft.HistoryTotal(totalFromHistory.from(),
                        totalFromHistory.to(), totalFromHistory.growth()), alertLevels);
    }
}
