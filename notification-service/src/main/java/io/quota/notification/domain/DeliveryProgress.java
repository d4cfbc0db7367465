package io.quota.notification.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where one delivery stands, and the one place its transitions are decided: a 2xx attempt delivers, a failed one
 * waits for the next attempt or, once the round's attempts are used up, fails; a finished delivery can be asked
 * for again, which starts a fresh round.
 *
 * @param attempts      every attempt ever made (numbers the attempt log)
 * @param roundAttempts attempts since the delivery was created or last redelivered (what the retry policy counts)
 */
public record DeliveryProgress(DeliveryStatus status, int attempts, int roundAttempts, Instant nextAttemptAt,
                               Instant deliveredAt) {
    public DeliveryProgress {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        if (attempts < 0 || roundAttempts < 0 || roundAttempts > attempts) {
            throw new IllegalArgumentException("attempts " + attempts + " / round " + roundAttempts + " are inconsistent");
        }
    }

    /** A new delivery, due at once. */
    public static DeliveryProgress due(Instant now) {
        return new DeliveryProgress(DeliveryStatus.PENDING, 0, 0, now, null);
    }

    /** The state after one attempt ended with {@code result}. */
    public DeliveryProgress afterAttempt(AttemptResult result, RetryPolicy policy, Instant now, double jitter) {
        if (status.isFinal()) {
            throw new IllegalStateException("a " + status + " delivery is not being attempted");
        }
        int total = attempts + 1;
        int round = roundAttempts + 1;
        if (result.delivered()) {
            return new DeliveryProgress(DeliveryStatus.DELIVERED, total, round, nextAttemptAt, now);
        }
        return policy.nextAttempt(round, now, jitter)
                .map(next -> new DeliveryProgress(DeliveryStatus.PENDING, total, round, next, deliveredAt))
                .orElseGet(() -> new DeliveryProgress(DeliveryStatus.FAILED, total, round, nextAttemptAt, deliveredAt));
    }

    /** An operator asks for a finished delivery again: due at once, with a fresh round of attempts. */
    public DeliveryProgress redeliver(Instant now) {
        if (!status.redeliverable()) {
            throw new IllegalStateException("a " + status + " delivery is still under way");
        }
        return new DeliveryProgress(DeliveryStatus.PENDING, attempts, 0, now, deliveredAt);
    }
}
