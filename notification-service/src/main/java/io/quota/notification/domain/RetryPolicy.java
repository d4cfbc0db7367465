package io.quota.notification.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Whether and when a failed delivery is tried again: with {@link Backoff}, at most maxAttempts in a round. */
public record RetryPolicy(Backoff backoff, int maxAttempts) {
    public RetryPolicy {
        Objects.requireNonNull(backoff, "backoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be >= 1: " + maxAttempts);
        }
    }

    /**
     * After the {@code failedAttempts}-th failure in this round: when to try again, or empty when the delivery has
     * used its attempts and FAILED.
     */
    public Optional<Instant> nextAttempt(int failedAttempts, Instant now, double jitter) {
        if (failedAttempts >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(now.plus(backoff.delay(failedAttempts, jitter)));
    }
}
