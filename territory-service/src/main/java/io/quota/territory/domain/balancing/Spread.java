package io.quota.territory.domain.balancing;

import java.util.Arrays;

/**
 * How unevenly a measure (potential per rep, workload per rep) is spread over territories: the largest over the
 * smallest (null when the smallest is 0) and the coefficient of variation (population standard deviation / mean;
 * 0 when the mean is 0).
 */
public record Spread(Double maxMinRatio, double coefficientOfVariation) {
    public static Spread of(double[] values) {
        if (values.length == 0) {
            return new Spread(null, 0);
        }
        double max = Arrays.stream(values).max().orElse(0);
        double min = Arrays.stream(values).min().orElse(0);
        double mean = Arrays.stream(values).average().orElse(0);
        double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        return new Spread(min > 0 ? max / min : null, mean > 0 ? Math.sqrt(variance) / mean : 0);
    }
}
