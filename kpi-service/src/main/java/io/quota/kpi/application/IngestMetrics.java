package io.quota.kpi.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest figures at /q/metrics: records polled, actuals counted (also as {@code quota_actuals_ingested_total}),
 * dead letters, batch durations.
 */
@ApplicationScoped
@Startup // registered at start, so the series exist (at 0) before the first batch: dashboards show 0, not "no data"
public class IngestMetrics {
    private final AtomicLong polled = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private Counter polledCounter;
    private Counter countedCounter;
    private Counter deadCounter;
    private Counter ingestedCounter;
    private Timer batchTimer;

    @Inject
    void register(MeterRegistry registry) {
        polledCounter = registry.counter("kpi.actuals.polled");
        countedCounter = registry.counter("kpi.actuals.counted");
        deadCounter = registry.counter("kpi.actuals.dead_lettered");
        batchTimer = registry.timer("kpi.actuals.batch");
        // the name the operators' Grafana dashboard queries (rate(quota_actuals_ingested_total[1m])): keep it
        ingestedCounter = Counter.builder("quota.actuals.ingested")
                .description("ActualRecorded counted into the aggregates for the first time (repeats excluded)")
                .register(registry);
    }

    public void batch(int records, int newlyCounted, int dead, long nanos) {
        polled.addAndGet(records);
        counted.addAndGet(newlyCounted);
        deadLettered.addAndGet(dead);
        polledCounter.increment(records);
        countedCounter.increment(newlyCounted);
        ingestedCounter.increment(newlyCounted);
        deadCounter.increment(dead);
        batchTimer.record(nanos, TimeUnit.NANOSECONDS);
    }

    public long polled() {
        return polled.get();
    }

    public long counted() {
        return counted.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }
}
