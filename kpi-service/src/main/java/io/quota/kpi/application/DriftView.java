package io.quota.kpi.application;

import io.quota.contracts.DriftState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The current drift state of a node; pace rounded for display, asOf = the date its expected was taken at. */
public record DriftView(String nodeKey, String planId, int version, DriftState state, BigDecimal pace, Instant since,
                        LocalDate asOf) {
}
