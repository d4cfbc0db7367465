package io.quota.kpi.api;

import io.quota.contracts.Metric;
import io.quota.contracts.events.ActualRecorded;
import io.quota.kpi.application.NewActual;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One actual as posted; value is a decimal string. credits: a split between reps (percents sum to 100). */
public record ActualInput(
        UUID eventId,
        @NotNull Metric metric,
        @NotNull @Digits(integer = 18, fraction = 6) BigDecimal value,
        @NotNull @Pattern(regexp = "[A-Z]{3}|COUNT|RATIO", message = "must be an ISO 4217 code, COUNT or RATIO") String unit,
        @NotNull LocalDate businessDate,
        @Pattern(regexp = ID, message = ID_MESSAGE) String territoryId,
        @Pattern(regexp = ID, message = ID_MESSAGE) String accountId,
        @Pattern(regexp = ID, message = ID_MESSAGE) String repId,
        @Pattern(regexp = ID, message = ID_MESSAGE) String industry,
        @Pattern(regexp = "B2B|B2C", message = "must be B2B or B2C") String customerType,
        @Pattern(regexp = ID, message = ID_MESSAGE) String productLine,
        @Pattern(regexp = "ONLINE_STORE|WEBSITE|SOCIAL|RETAIL_STORE|DISTRIBUTOR|DIRECT",
                message = "must be one of ONLINE_STORE, WEBSITE, SOCIAL, RETAIL_STORE, DISTRIBUTOR, DIRECT") String channel,
        @Size(max = 100) String source,
        UUID reversalOf,
        @Size(min = 1, max = 20) List<@Valid @NotNull CreditInput> credits,
        Boolean adjustment) {

    static final String ID = "[A-Za-z0-9_.:\\-]{1,64}";
    static final String ID_MESSAGE = "must match [A-Za-z0-9_.:-]{1,64}";

    /** One rep's share of the actual. */
    public record CreditInput(@NotNull @Pattern(regexp = ID, message = ID_MESSAGE) String repId,
                              @NotNull @Digits(integer = 3, fraction = 4) @DecimalMin(value = "0", inclusive = false)
                              @DecimalMax("100") BigDecimal percent) {
    }

    NewActual toCommand() {
        List<ActualRecorded.Credit> split = credits == null ? null
                : credits.stream().map(c -> new ActualRecorded.Credit(c.repId(), c.percent())).toList();
        return new NewActual(eventId, metric, value, unit, businessDate, territoryId, accountId, repId, industry,
                customerType, productLine, channel, source, reversalOf, split, adjustment);
    }
}
