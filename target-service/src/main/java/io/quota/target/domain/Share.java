package io.quota.target.domain;

import java.math.BigDecimal;
import java.util.Objects;

/** One member's claim on a parent amount: its key (also the tie-breaker) and a non-negative weight. */
public record Share(String key, BigDecimal weight) {
    public Share {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(weight, "weight");
        if (weight.signum() < 0) {
            throw new IllegalArgumentException("weight of " + key + " is negative: " + weight);
        }
    }

    public static Share of(String key, String weight) {
        return new Share(key, new BigDecimal(weight));
    }
}
