package io.quota.target.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** A new draft from version {@code from}: its cells copied, or (with {@code total}) the levels for a new total. */
public record NewVersionRequest(@NotNull @Min(1) @Max(1_000_000) Integer from,
                                @DecimalMin("0") @Digits(integer = 14, fraction = 6) BigDecimal total,
                                @Size(max = 500) String note) {
}
