package io.quota.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Deliveries handed from the intake straight to the dispatchers in memory, so a new delivery leaves without a
 * claim round trip or a poll. The rows stay the durable record: the intake stores them already claimed under a
 * lease, so if this instance dies with them in memory, any dispatcher finds them once the lease runs out.
 * <p>
 * Bounded: the intake {@link #reserve reserves} room before it stores deliveries claimed for hand-off (the rest it
 * stores as due, for the dispatchers to claim). An entry that waited longer than {@code maxAge} is dropped when
 * taken instead of sent: its lease may be about to run out, and a dispatcher claiming it from the database then
 * would send it a second time. Dropped, it is sent once its lease has run out.
 */
public final class HandOff<T> {
    private record Entry<T>(T item, Instant claimedAt) {
    }

    private final int capacity;
    private final Duration maxAge;
    private final ConcurrentLinkedQueue<Entry<T>> queue = new ConcurrentLinkedQueue<>();
    /** Reserved plus queued: never above capacity. */
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    public HandOff(int capacity, Duration maxAge) {
        if (capacity < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("capacity " + capacity + " and maxAge " + maxAge + " must not be negative");
        }
        this.capacity = capacity;
        this.maxAge = maxAge;
    }

    /** Room for up to {@code wanted} entries, held until {@link #add added} or {@link #release released}. */
    public int reserve(int wanted) {
        while (true) {
            int now = held.get();
            int granted = Math.max(0, Math.min(wanted, capacity - now));
            if (granted == 0 || held.compareAndSet(now, now + granted)) {
                return granted;
            }
        }
    }

    /** Gives back reserved room that was not used (the storing transaction rolled back, a delivery existed). */
    public void release(int reserved) {
        held.addAndGet(-reserved);
    }

    /** Queues entries claimed at {@code claimedAt}, into room reserved before. */
    public void add(Collection<T> items, Instant claimedAt) {
        for (T item : items) {
            queue.add(new Entry<>(item, claimedAt));
        }
    }

    /** Up to {@code max} entries, oldest first, leaving out (and dropping) those older than maxAge. */
    public List<T> take(int max, Instant now) {
        List<T> taken = new ArrayList<>(Math.min(max, 256));
        Instant oldest = now.minus(maxAge);
        Entry<T> e;
        while (taken.size() < max && (e = queue.poll()) != null) {
            held.decrementAndGet();
            if (e.claimedAt().isBefore(oldest)) {
                dropped.incrementAndGet();
            } else {
                taken.add(e.item());
            }
        }
        return taken;
    }

    /** Entries reserved or waiting. */
    public int held() {
        return held.get();
    }

    /** Entries dropped for age since start (each sent after its lease instead). */
    public int dropped() {
        return dropped.get();
    }
}
