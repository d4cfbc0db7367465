package io.quota.contracts.events;

import io.quota.contracts.NodeKey;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One cell of a published plan version: its node key (members and period) and its amount. */
public record TargetAllocated(UUID eventId, Instant occurredAt, int schemaVersion, String planId, int version,
                              String cellKey, BigDecimal amount, String unit) implements QuotaEvent {
    @Override
    public String key() {
        return cellKey;
    }

    @Override
    public String topic() {
        return Topics.TARGETS;
    }

    public NodeKey cell() {
        return NodeKey.parse(cellKey);
    }
}
