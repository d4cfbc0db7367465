package io.quota.contracts.events;

import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.time.Instant;
import java.util.UUID;

/** A published version was recalled: the previous one becomes active again. */
public record PlanWithdrawn(UUID eventId, Instant occurredAt, int schemaVersion, String planId, int version,
                            String reason) implements QuotaEvent {
    @Override
    public String key() {
        return planId;
    }

    @Override
    public String topic() {
        return Topics.PLANS;
    }
}
