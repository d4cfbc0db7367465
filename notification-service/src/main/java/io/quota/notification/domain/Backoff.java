package io.quota.notification.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff with jitter: after the n-th failed attempt wait base x 2^(n-1), capped at max, then scaled
 * to a random 50..100 % of that so that many deliveries failing together do not retry together.
 */
public record Backoff(Duration base, Duration max) {
    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive: " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is below its base " + base);
        }
    }

    /** The un-jittered wait after {@code failedAttempts} (>= 1) failures. */
    public Duration ceiling(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failed attempts must be >= 1: " + failedAttempts);
        }
        // 2^62 ns is 146 years: any longer shift only ever hits the cap
        int shift = Math.min(failedAttempts - 1, 62);
        long baseNanos = base.toNanos();
        long maxNanos = max.toNanos();
        long nanos = baseNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, baseNanos << shift);
        return Duration.ofNanos(nanos);
    }

    /**
     * The wait after {@code failedAttempts} failures.
     *
     * @param jitter a uniform random number in [0, 1): 0 waits half the ceiling, towards 1 the whole of it
     */
    public Duration delay(int failedAttempts, double jitter) {
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        long ceiling = ceiling(failedAttempts).toNanos();
        long half = ceiling / 2;
        return Duration.ofNanos(half + (long) ((ceiling - half) * jitter));
    }
}
