package io.quota.notification.domain;

/**
 * PENDING (due at next_attempt_at) -> IN_FLIGHT (claimed by one dispatcher, under a lease) -> DELIVERED, FAILED, or
 * back to PENDING for a retry. An operator's redelivery turns DELIVERED or FAILED into PENDING again. MERGED: held
 * by a subscription's throttle window (or quiet hours) and carried by a digest delivery instead of on its own.
 */
public enum DeliveryStatus {
    PENDING, IN_FLIGHT, DELIVERED, FAILED, MERGED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == MERGED;
    }

    /** Only a delivery that has finished on its own can be asked for again (a merged one: redeliver its digest). */
    public boolean redeliverable() {
        return this == DELIVERED || this == FAILED;
    }
}
