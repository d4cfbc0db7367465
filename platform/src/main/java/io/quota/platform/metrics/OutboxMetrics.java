package io.quota.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox backlog and the age of its oldest row, refreshed every few seconds rather than on each scrape so
 * a scrape never waits on the database. A growing age means the relay cannot reach Kafka.
 */
@ApplicationScoped
public class OutboxMetrics {
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();

    @Inject
    EntityManager em;

    @Inject
    void register(MeterRegistry registry) {
        Gauge.builder("quota.outbox.backlog", backlog, AtomicLong::get)
                .description("outbox rows not yet published").register(registry);
        Gauge.builder("quota.outbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("age of the oldest unpublished outbox row").register(registry);
    }

    @Scheduled(every = "${quota.outbox.metrics-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> {
            Object[] row = (Object[]) em.createNativeQuery("""
                    select count(*), coalesce(extract(epoch from now() - min(created_at)), 0) from outbox""")
                    .getSingleResult();
            backlog.set(((Number) row[0]).longValue());
            oldestAgeSeconds.set(((Number) row[1]).longValue());
        });
    }
}
