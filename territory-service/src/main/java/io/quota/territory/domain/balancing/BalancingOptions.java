package io.quota.territory.domain.balancing;

/**
 * {@code maxMovedAccounts}: the cap on accounts moved in all; {@code tolerance}: stop once every territory's
 * potential per rep and workload per rep lie within mean x (1 +/- tolerance).
 */
public record BalancingOptions(int maxMovedAccounts, double tolerance) {
    public BalancingOptions {
        if (maxMovedAccounts < 0) {
            throw new IllegalArgumentException("maxMovedAccounts must not be negative");
        }
        if (!(tolerance >= 0 && tolerance <= 1)) {
            throw new IllegalArgumentException("tolerance is from 0 to 1");
        }
    }
}
