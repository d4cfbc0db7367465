package io.quota.contracts.events;

import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.time.Instant;
import java.util.UUID;

/** New figures for a node at one of the plan's alert levels; compacted by node key. */
public record AttainmentChanged(UUID eventId, Instant occurredAt, int schemaVersion, String nodeKey, String planId,
                                int planVersion, Metric metric, String unit, Figures figures) implements QuotaEvent {
    @Override
    public String key() {
        return nodeKey;
    }

    @Override
    public String topic() {
        return Topics.ATTAINMENT;
    }
}
