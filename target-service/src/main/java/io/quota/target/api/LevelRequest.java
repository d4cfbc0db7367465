package io.quota.target.api;

import io.quota.contracts.Dimension;
import io.quota.target.domain.AllocationMethod;
import io.quota.target.domain.Granularity;
import io.quota.target.domain.LevelDraft;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Month;
import java.util.List;
import java.util.Map;

/**
 * One level of a plan: a dimension and a method. Members (none on TERRITORY EQUAL/HISTORY/POTENTIAL: every
 * ACTIVE leaf territory); weights per member (TIME: per period label, 2027-03 for a month, else its start date),
 * or per parent ({@code weightsByParent}, keyed by the parent's member or period label at the level above);
 * MANUAL {@code amounts} (or {@code amountsByParent}) that must add up to the parent; {@code pins} (or
 * {@code pinsByParent}) fixing members' amounts; on TIME, a {@code granularity} and a seasonality {@code profile}
 * by name or inline ({@code seasonality}, a weight per month); {@code byParent} (HISTORY): each parent's children
 * weighed by that parent's own prior actuals (its member, or its period a year before).
 */
public record LevelRequest(
        @NotNull Dimension dimension,
        @NotNull AllocationMethod method,
        Granularity granularity,
        @Size(max = 1000) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String> members,
        @Size(max = 2000) Map<@NotNull @Size(max = 64) String, @NotNull @Digits(integer = 12, fraction = 6) BigDecimal> weights,
        @Size(max = 1000) Map<@NotNull @Size(max = 64) String,
                @NotNull @Size(max = 1000) Map<@NotNull @Size(max = 64) String, @NotNull @Digits(integer = 12, fraction = 6) BigDecimal>> weightsByParent,
        @Size(max = 2000) Map<@NotNull @Size(max = 64) String, @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 6) BigDecimal> amounts,
        @Size(max = 1000) Map<@NotNull @Size(max = 64) String,
                @NotNull @Size(max = 1000) Map<@NotNull @Size(max = 64) String, @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 6) BigDecimal>> amountsByParent,
        @Size(max = 2000) Map<@NotNull @Size(max = 64) String, @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 6) BigDecimal> pins,
        @Size(max = 1000) Map<@NotNull @Size(max = 64) String,
                @NotNull @Size(max = 1000) Map<@NotNull @Size(max = 64) String, @NotNull @DecimalMin("0") @Digits(integer = 14, fraction = 6) BigDecimal>> pinsByParent,
        @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String profile,
        @Size(max = 12) Map<@NotNull Month, @NotNull @Digits(integer = 12, fraction = 6) BigDecimal> seasonality,
        Boolean byParent) {

    LevelDraft toDraft() {
        return new LevelDraft(dimension, method, granularity, members, weights, weightsByParent, amounts,
                amountsByParent, pins, pinsByParent, profile, seasonality, byParent);
    }
}
