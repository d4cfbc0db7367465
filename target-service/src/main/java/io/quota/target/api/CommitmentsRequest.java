package io.quota.target.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bottom-up commitments: an amount per cell (by cell key); a repeat for a cell replaces the earlier one. */
public record CommitmentsRequest(@NotEmpty @Size(max = 500) List<@Valid @NotNull Item> items) {

    public record Item(@NotNull @Size(max = 600) String cellKey,
                       @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 6) BigDecimal amount) {
    }

    Map<String, BigDecimal> amounts() {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        items.forEach(i -> m.put(i.cellKey(), i.amount()));
        return m;
    }
}
