package io.quota.platform.metrics;

import io.micrometer.core.instrument.Metrics;

/**
 * Counts records a consumer rejected as poison (each goes to its topic's .dlq with the reason in a header).
 * Tagged by topic and a short cause, never the free-text reason, so the series stay few.
 */
public final class DeadLetters {
    private DeadLetters() {
    }

    public static void count(String topic, String cause) {
        Metrics.counter("quota.dead.letters", "topic", topic, "cause", cause).increment();
    }
}
