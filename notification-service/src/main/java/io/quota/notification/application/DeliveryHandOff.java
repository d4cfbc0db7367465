package io.quota.notification.application;

import io.quota.notification.domain.HandOff;
import io.quota.notification.persistence.ClaimedDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The intake's deliveries handed to this instance's dispatchers in memory once their transaction commits (see
 * {@link HandOff}): room is reserved before they are stored claimed, and given back when the transaction rolls
 * back. An entry is sent only while its lease still covers a whole attempt (half the lease less two timeouts).
 */
@ApplicationScoped
public class DeliveryHandOff {
    private final HandOff<ClaimedDelivery> handOff;
    private final Duration lease;

    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    DispatchSignal dispatchers;

    @Inject
    public DeliveryHandOff(DeliveryConfig config) {
        Duration maxAge = config.lease().minus(config.timeout().multipliedBy(2)).dividedBy(2);
        // a lease too short to cover an attempt: nothing is handed off, the dispatchers claim everything
        this.handOff = new HandOff<>(maxAge.isNegative() ? 0 : config.handOffCapacity(),
                maxAge.isNegative() ? Duration.ZERO : maxAge);
        this.lease = config.lease();
    }

    /** How long a claim made for hand-off holds. */
    Duration lease() {
        return lease;
    }

    /** Room for up to {@code wanted} deliveries; given back unless {@link #afterCommit} takes it over. */
    int reserve(int wanted) {
        return handOff.reserve(wanted);
    }

    /**
     * Once the caller's transaction commits, queues the {@code stored} deliveries (claimed at {@code claimedAt}) and
     * gives back the rest of the {@code reserved} room; when it rolls back, gives back all of it.
     */
    void afterCommit(int reserved, List<ClaimedDelivery> stored, Instant claimedAt) {
        if (reserved > 0) {
            transactions.registerInterposedSynchronization(new Handing(reserved, stored, claimedAt));
        }
    }

    /** What becomes of reserved room when the storing transaction ends. */
    private final class Handing implements Synchronization {
        private final int reserved;
        private final List<ClaimedDelivery> stored;
        private final Instant claimedAt;

        Handing(int reserved, List<ClaimedDelivery> stored, Instant claimedAt) {
            this.reserved = reserved;
            this.stored = stored;
            this.claimedAt = claimedAt;
        }

        @Override
        public void beforeCompletion() {
            // nothing is handed over before the rows are committed
        }

        @Override
        public void afterCompletion(int status) {
            boolean committed = status == Status.STATUS_COMMITTED;
            if (committed) {
                handOff.add(stored, claimedAt);
            }
            handOff.release(committed ? reserved - stored.size() : reserved);
            if (committed) {
                dispatchers.wake();
            }
        }
    }

    /** Up to {@code max} handed-off deliveries still young enough to send. */
    List<ClaimedDelivery> take(int max) {
        return handOff.take(max, Instant.now());
    }
}
