package io.quota.notification.domain;

/**
 * PENDING (due at next_attempt_at) -> IN_FLIGHT (claimed by one dispatcher, under a lease) -> DELIVERED, FAILED, or
 * back to PENDING for a retry. An operator's redelivery turns DELIVERED or FAILED into PENDING again.
 */
public enum DeliveryStatus {
    PENDING, IN_FLIGHT, DELIVERED, FAILED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }

    /** Only a delivery that has finished can be asked for again; one still under way is already coming. */
    public boolean redeliverable() {
        return isFinal();
    }
}
