package io.quota.notification.application;

import io.quota.notification.domain.Backoff;
import io.quota.notification.domain.RetryPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** quota.delivery.*: how the dispatcher polls, calls and retries. */
@ConfigMapping(prefix = "quota.delivery")
public interface DeliveryConfig {
    /** The pause between two passes of the dispatcher over due deliveries. */
    @WithDefault("0.5s")
    Duration pollInterval();

    /** Dispatchers working side by side (each claims its own batches). */
    @WithDefault("4")
    int workers();

    /** Deliveries claimed per round trip to the database. */
    @WithDefault("100")
    int batchSize();

    /**
     * Deliveries the intake may hand to this instance's dispatchers in memory at once (already claimed, so they skip
     * the claim round trip and the poll); 0 turns the hand-off off.
     */
    @WithDefault("5000")
    int handOffCapacity();

    /** Connect and request timeout of one webhook call. */
    @WithDefault("10s")
    Duration timeout();

    /** How long a claim holds; a dispatcher that dies leaves its deliveries due again after this. */
    @WithDefault("60s")
    Duration lease();

    @WithDefault("1s")
    Duration backoffBase();

    @WithDefault("5m")
    Duration backoffMax();

    @WithDefault("8")
    int maxAttempts();

    /** The dispatcher is reported not live when it has not finished a pass for this long. */
    @WithDefault("5m")
    Duration stuckAfter();

    default RetryPolicy retryPolicy() {
        return new RetryPolicy(new Backoff(backoffBase(), backoffMax()), maxAttempts());
    }
}
