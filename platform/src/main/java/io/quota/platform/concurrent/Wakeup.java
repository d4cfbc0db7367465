package io.quota.platform.concurrent;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Lets a background loop (the outbox relay, kpi-service's drift evaluator) sleep between passes and be woken
 * the moment a transaction that gave it work commits, instead of polling faster than the scheduler's 1 s.
 * A wake that arrives while the loop is busy is remembered, so the next wait returns at once.
 */
public final class Wakeup {
    private final Object signal = new Object();
    private boolean pending;

    /** Wakes the loop now (or makes its next wait return at once). */
    public void wake() {
        synchronized (signal) {
            pending = true;
            signal.notifyAll();
        }
    }

    /** Waits until woken or for {@code millis}; returns false if the thread was interrupted. */
    public boolean await(long millis) {
        synchronized (signal) {
            try {
                if (!pending) {
                    signal.wait(millis);
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                pending = false;
            }
        }
    }

    /** Wakes the loop once the caller's transaction commits; registered once per transaction. */
    public void wakeAfterCommit(TransactionSynchronizationRegistry transactions) {
        if (transactions.getResource(this) == null) {
            transactions.putResource(this, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        wake();
                    }
                }
            });
        }
    }
}
