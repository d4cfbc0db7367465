package io.quota.notification.application;

import io.quota.platform.concurrent.Wakeup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Wakes the delivery dispatchers the moment a transaction that made a delivery due commits (a new delivery, a
 * redelivery), so it leaves without waiting for their next poll.
 */
@ApplicationScoped
public class DispatchSignal {
    private final Wakeup wakeup = new Wakeup();

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Wakes them once the caller's transaction commits. */
    public void afterCommit() {
        wakeup.wakeAfterCommit(transactions);
    }

    /** Wakes them now. */
    void wake() {
        wakeup.wake();
    }

    /** Waits until woken or for {@code millis}; false when the thread was interrupted. */
    boolean await(long millis) {
        return wakeup.await(millis);
    }
}
