package io.quota.target.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/** Carry what each node missed up to {@code through} (inclusive) into its remaining periods. */
public record CarryForwardRequest(@NotNull LocalDate through, @Size(max = 500) String note) {
}
