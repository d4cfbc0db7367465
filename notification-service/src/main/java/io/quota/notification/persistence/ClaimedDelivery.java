package io.quota.notification.persistence;

import java.util.UUID;

/** A delivery one dispatcher has claimed (IN_FLIGHT under a lease), with what it needs to send it. */
public record ClaimedDelivery(UUID deliveryId, UUID subscriptionId, UUID sourceEventId, String payload,
                              String address, String secret, UUID claimToken) {
}
