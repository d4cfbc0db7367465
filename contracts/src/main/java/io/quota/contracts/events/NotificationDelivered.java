package io.quota.contracts.events;

import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.time.Instant;
import java.util.UUID;

/** Audit: one delivery of one event to one subscription reached its final status. */
public record NotificationDelivered(UUID eventId, Instant occurredAt, int schemaVersion, String deliveryId,
                                    String subscriptionId, UUID sourceEventId, String channel, String status,
                                    int attempts) implements QuotaEvent {
    @Override
    public String key() {
        return subscriptionId;
    }

    @Override
    public String topic() {
        return Topics.NOTIFICATIONS;
    }
}
