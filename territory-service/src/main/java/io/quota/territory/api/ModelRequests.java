package io.quota.territory.api;

import io.quota.territory.application.ConditionSpec;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** Request bodies of /api/territory-models. */
final class ModelRequests {
    /** POST /api/territory-models: a PLANNING copy of {@code basedOn} (default: the ACTIVE model; none: empty). */
    record CreateModel(@NotNull @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                       @NotBlank @Size(max = 200) String name,
                       @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String basedOn) {
    }

    /** POST .../{id}/activate. */
    record Activate(LocalDate effectiveFrom, Boolean force, @Size(max = 1000) String reason) {
    }

    /** POST .../{id}/rules (id required) and PUT .../rules/{ruleId} (id ignored). */
    record Rule(@Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                @NotNull @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String territoryId,
                @NotNull @Min(0) @Max(1_000_000) Integer priority,
                @NotNull ConditionSpec condition) {
    }

    private ModelRequests() {
    }
}
