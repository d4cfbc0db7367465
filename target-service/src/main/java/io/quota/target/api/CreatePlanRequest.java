package io.quota.target.api;

import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import io.quota.target.domain.PlanDraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
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
        @NotNull LocalDate periodStart,
        @NotNull LocalDate periodEnd,
        @NotBlank @Size(max = 64) String timeZone,
        @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 6) BigDecimal total,
        @NotEmpty @Size(max = 6) List<@Valid @NotNull LevelRequest> levels,
        @Valid CalendarRequest calendar,
        @Valid DriftPolicyRequest driftPolicy) {

    PlanDraft toDraft() {
        return new PlanDraft(id, name, taskType, metric, unit, periodStart, periodEnd, timeZone, total,
                levels.stream().map(LevelRequest::toDraft).toList(),
                calendar == null ? null : calendar.toCalendar(),
                driftPolicy == null ? null : driftPolicy.toPolicy());
    }
}
