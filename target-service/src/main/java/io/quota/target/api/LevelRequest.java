package io.quota.target.api;

import io.quota.contracts.Dimension;
import io.quota.target.domain.AllocationMethod;
import io.quota.target.domain.Granularity;
import io.quota.target.domain.LevelDraft;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One level of a new plan. TERRITORY: EQUAL with {@code members} (none: every ACTIVE leaf territory) or
 * WEIGHTS with {@code weights} per territory. TIME: {@code granularity} MONTH, EQUAL or WEIGHTS per month ("2027-03").
 */
public record LevelRequest(
        @NotNull Dimension dimension,
        @NotNull AllocationMethod method,
        Granularity granularity,
        @Size(max = 1000) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> members,
        @Size(max = 1000) Map<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String,
                @NotNull @Digits(integer = 12, fraction = 6) BigDecimal> weights) {

    LevelDraft toDraft() {
        return new LevelDraft(dimension, method, granularity, members, weights);
    }
}
