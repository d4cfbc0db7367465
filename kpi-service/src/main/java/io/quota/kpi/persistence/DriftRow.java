package io.quota.kpi.persistence;

import io.quota.contracts.DriftState;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The stored drift state of a node; seq counts its transitions, since is when it entered its state. */
public record DriftRow(String nodeKey, String planId, int version, DriftState state, BigDecimal pace, LocalDate asOf,
                       long seq, Instant since) {
}
