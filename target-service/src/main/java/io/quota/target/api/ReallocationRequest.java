package io.quota.target.api;

import io.quota.target.domain.Reallocation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/** Moves between cells (by cell key) of a version; the result is a new draft. */
public record ReallocationRequest(@NotEmpty @Size(max = 1000) List<@Valid @NotNull MoveRequest> moves,
                                  @Size(max = 500) String note) {

    public record MoveRequest(@NotNull @Size(max = 600) String from, @NotNull @Size(max = 600) String to,
                              @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 14, fraction = 6)
                              BigDecimal amount) {
    }

    List<Reallocation.Move> toMoves() {
        return moves.stream().map(m -> new Reallocation.Move(m.from(), m.to(), m.amount())).toList();
    }
}
