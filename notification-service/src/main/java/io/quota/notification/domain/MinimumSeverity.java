package io.quota.notification.domain;

import io.quota.contracts.DriftState;

/** The least serious drift a subscription hears about: WARNING (and CRITICAL), or CRITICAL only. */
public enum MinimumSeverity {
    WARNING, CRITICAL;

    /** Whether a node in this (WARNING or CRITICAL) state is serious enough. */
    public boolean admits(DriftState state) {
        return switch (state) {
            case CRITICAL -> true;
            case WARNING -> this == WARNING;
            default -> false;
        };
    }
}
