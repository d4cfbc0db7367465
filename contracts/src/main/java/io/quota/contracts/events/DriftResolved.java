package io.quota.contracts.events;

import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.time.Instant;
import java.util.UUID;

/** A node returned to ON_TRACK from previousState. */
public record DriftResolved(UUID eventId, Instant occurredAt, int schemaVersion, String nodeKey, String planId,
                            int planVersion, Metric metric, String unit, DriftState previousState, Figures figures)
        implements QuotaEvent {
    @Override
    public String key() {
        return nodeKey;
    }

    @Override
    public String topic() {
        return Topics.DRIFT;
    }
}
