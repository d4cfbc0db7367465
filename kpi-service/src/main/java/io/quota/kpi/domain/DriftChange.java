package io.quota.kpi.domain;

import io.quota.contracts.DriftState;

/** What a drift transition announces: entering an alert state, or returning to ON_TRACK. */
public sealed interface DriftChange {
    DriftState previous();

    /** Entered WARNING, CRITICAL or AHEAD from another state. */
    record Detected(DriftState state, DriftState previous) implements DriftChange {
    }

    /** Returned to ON_TRACK. */
    record Resolved(DriftState previous) implements DriftChange {
    }
}
