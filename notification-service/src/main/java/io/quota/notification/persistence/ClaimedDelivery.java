package io.quota.notification.persistence;

import io.quota.notification.domain.Channel;

import java.util.UUID;

/** A delivery one dispatcher has claimed (IN_FLIGHT under a lease), with what it needs to send it. */
public record ClaimedDelivery(UUID deliveryId, UUID subscriptionId, UUID sourceEventId, Channel channel, String payload,
                              String address, String secret, UUID claimToken) {
}
