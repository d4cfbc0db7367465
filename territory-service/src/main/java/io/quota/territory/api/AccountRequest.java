package io.quota.territory.api;

import io.quota.territory.domain.AccountFacts;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * POST /api/accounts and PUT /api/accounts/{id} (id ignored there). No territory: the rules derive it. Potential is
 * the annual TAM in {@code currency} (the company currency); workload is visits per year.
 */
public record AccountRequest(
        @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2) String country,
        @Size(max = 64) String province,
        @Size(max = 64) String city,
        @Size(max = 16) String postalCode,
        @Size(max = 64) String industry,
        @NotNull @Pattern(regexp = "B2B|B2C", message = "must be B2B or B2C") String customerType,
        @NotNull @DecimalMin(value = "0", message = "must not be negative") @Digits(integer = 18, fraction = 2) BigDecimal potential,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code, e.g. CNY") String currency,
        @NotNull @Min(value = 0, message = "must not be negative") @Max(AccountFacts.MAX_WORKLOAD) Integer workload,
        @Pattern(regexp = "ACTIVE|INACTIVE", message = "must be ACTIVE or INACTIVE") String status) {

    AccountFacts facts(String accountId) {
        return io.quota.territory.application.Conditions.obeying(() -> new AccountFacts(accountId, name, country,
                province, city, postalCode, industry, customerType, potential, currency, workload, status));
    }
}
