package io.quota.contracts;

/** Drift states (偏离) of a node; DESIGN.md section 4. */
public enum DriftState {
    ON_TRACK, WARNING, CRITICAL, AHEAD
}
