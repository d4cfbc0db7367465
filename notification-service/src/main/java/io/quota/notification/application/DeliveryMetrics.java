package io.quota.notification.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.quota.notification.domain.Channel;
import io.quota.notification.domain.DeliveryProgress;
import io.quota.notification.domain.DeliveryStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What operators watch (exposed at /q/metrics; a Grafana dashboard queries these exact names):
 * <ul>
 * <li>{@code quota_deliveries_total{channel,outcome}}: recorded attempts by what they led to, {@code delivered},
 * {@code retry} (failed, another attempt is scheduled) or {@code failed} (the last attempt failed)</li>
 * <li>{@code quota_delivery_latency_seconds{channel}}: from the event's occurredAt to its delivery (a histogram,
 * so p99 is {@code histogram_quantile(0.99, rate(quota_delivery_latency_seconds_bucket[5m]))})</li>
 * </ul>
 * Every channel's series exist from the start (at zero), so a dashboard shows a quiet channel as quiet.
 */
@Startup
@ApplicationScoped
public class DeliveryMetrics {
    static final String DELIVERIES = "quota.deliveries";
    static final String LATENCY = "quota.delivery.latency";

    @Inject
    MeterRegistry registry;

    private final Map<Channel, Map<DeliveryStatus, Counter>> outcomes = new EnumMap<>(Channel.class);
    private final Map<Channel, Timer> latency = new EnumMap<>(Channel.class);

    @PostConstruct
    void register() {
        for (Channel channel : Channel.values()) {
            Map<DeliveryStatus, Counter> byOutcome = new EnumMap<>(DeliveryStatus.class);
            byOutcome.put(DeliveryStatus.DELIVERED, counter(channel, "delivered"));
            byOutcome.put(DeliveryStatus.PENDING, counter(channel, "retry"));
            byOutcome.put(DeliveryStatus.FAILED, counter(channel, "failed"));
            outcomes.put(channel, byOutcome);
            latency.put(channel, Timer.builder(LATENCY)
                    .description("From a notified event's occurredAt to its delivery")
                    .tag("channel", channel.name())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(5))
                    .maximumExpectedValue(Duration.ofHours(24))
                    .register(registry));
        }
    }

    private Counter counter(Channel channel, String outcome) {
        return Counter.builder(DELIVERIES).description("Delivery attempts recorded, by what they led to")
                .tag("channel", channel.name()).tag("outcome", outcome).register(registry);
    }

    /** One recorded attempt; {@code occurredAt} null when the delivery predates it being kept. */
    void attempt(Channel channel, DeliveryProgress next, Instant occurredAt) {
        Counter counter = outcomes.get(channel).get(next.status());
        if (counter != null) {
            counter.increment();
        }
        if (next.status() == DeliveryStatus.DELIVERED && occurredAt != null && next.deliveredAt() != null) {
            Duration waited = Duration.between(occurredAt, next.deliveredAt());
            latency.get(channel).record(waited.isNegative() ? Duration.ZERO : waited);
        }
    }
}
