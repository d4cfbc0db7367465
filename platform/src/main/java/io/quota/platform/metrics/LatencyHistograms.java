package io.quota.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Histogram buckets (Prometheus _bucket series) for the latencies an operator reads as percentiles: HTTP requests
 * and notification deliveries. A fixed, short list of bounds keeps the series few (the default histogram has ~70
 * buckets per route and status).
 */
public class LatencyHistograms {
    private static final Set<String> LATENCIES = Set.of("http.server.requests", "quota.delivery.latency");
    private static final double[] BOUNDS_SECONDS = {0.005, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!LATENCIES.contains(id.getName())) {
                    return config;
                }
                // a Timer's bounds are in nanoseconds, a distribution summary's in its base unit (seconds here)
                double scale = id.getType() == Meter.Type.TIMER ? Duration.ofSeconds(1).toNanos() : 1;
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(Arrays.stream(BOUNDS_SECONDS).map(b -> b * scale).toArray())
                        .build().merge(config);
            }
        };
    }
}
