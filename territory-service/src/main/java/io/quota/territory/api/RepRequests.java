package io.quota.territory.api;

import io.quota.territory.application.RepService;
import io.quota.territory.domain.assignments.RepRole;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** Request bodies of /api/reps. */
final class RepRequests {
    /** POST /api/reps (id required) and PUT /api/reps/{id}. Capacity: visits per year. */
    record Rep(@Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
               @Size(max = 200) String nameZh, @Size(max = 200) String nameEn,
               @Min(value = 0, message = "must not be negative") @Max(RepService.MAX_CAPACITY) Integer capacity,
               @Pattern(regexp = "ACTIVE|INACTIVE", message = "must be ACTIVE or INACTIVE") String status) {
        RepService.RepInput input() {
            return new RepService.RepInput(nameZh, nameEn, capacity, status);
        }
    }

    /** POST /api/reps/{id}/assignments; coverFor names the PRIMARY rep this one stands in for (leave). */
    record Assignment(@NotNull @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String territoryId,
                      RepRole role, @NotNull LocalDate effectiveFrom, LocalDate effectiveTo,
                      @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String coverFor,
                      @Size(max = 500) String note) {
        RepService.AssignmentInput input() {
            return new RepService.AssignmentInput(territoryId, role, Dates.bounded("effectiveFrom", effectiveFrom),
                    Dates.bounded("effectiveTo", effectiveTo), coverFor, note);
        }
    }

    /** POST /api/reps/{id}/assignments/{assignmentId}/end. */
    record End(@NotNull LocalDate effectiveTo) {
    }

    private RepRequests() {
    }
}
