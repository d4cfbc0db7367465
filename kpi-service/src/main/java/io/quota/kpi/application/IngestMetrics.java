package io.quota.kpi.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Ingest figures: records polled, actuals counted, dead letters, batch durations (Prometheus at /q/metrics). */
@ApplicationScoped
public class IngestMetrics {
    private final AtomicLong polled = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private Counter polledCounter;
    private Counter countedCounter;
    private Counter deadCounter;
    private Timer batchTimer;

    @Inject
    void register(MeterRegistry registry) {
        polledCounter = registry.counter("kpi.actuals.polled");
        countedCounter = registry.counter("kpi.actuals.counted");
        deadCounter = registry.counter("kpi.actuals.dead_lettered");
        batchTimer = registry.timer("kpi.actuals.batch");
    }

    public void batch(int records, int newlyCounted, int dead, long nanos) {
        polled.addAndGet(records);
        counted.addAndGet(newlyCounted);
        deadLettered.addAndGet(dead);
        polledCounter.increment(records);
        countedCounter.increment(newlyCounted);
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
