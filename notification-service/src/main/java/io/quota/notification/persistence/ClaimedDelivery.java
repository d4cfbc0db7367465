package io.quota.notification.persistence;

import io.quota.notification.domain.Channel;
import io.quota.notification.domain.DeliveryProgress;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery one dispatcher has claimed (IN_FLIGHT under a lease), with what it needs to send it and to decide what
 * comes after the attempt (its progress cannot change while the claim holds: a redelivery waits for a final status).
 * {@code occurredAt}: when its event happened (null for deliveries stored before it was kept); {@code traceparent}: the
 * trace its event was taken in (null when unknown), which each attempt continues.
 */
public record ClaimedDelivery(UUID deliveryId, UUID subscriptionId, UUID sourceEventId, Channel channel, String payload,
                              String address, String secret, UUID claimToken, DeliveryProgress progress,
                              String eventType, Instant occurredAt, String traceparent) {
}
