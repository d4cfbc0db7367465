package io.quota.territory.api;

import io.quota.territory.application.TerritoryInput;
import io.quota.territory.domain.TerritoryType;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** POST /api/territories. At least one of nameZh / nameEn is required (a territory rule: 422 if both are missing). */
public record CreateTerritoryRequest(
        @NotNull @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
        @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String parentId,
        @NotNull TerritoryType type,
        @Size(max = 200) String nameZh,
        @Size(max = 200) String nameEn,
        @DecimalMin("0") @Digits(integer = 18, fraction = 2) BigDecimal potential) {

    TerritoryInput input() {
        return new TerritoryInput(parentId, type, nameZh, nameEn, potential);
    }
}
