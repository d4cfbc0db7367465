package io.quota.kpi.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quota.kpi.persistence.PartitionRepository;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * The deduplication window of processed actual ids (DESIGN.md section 5): one partition per UTC day of
 * occurredAt, created a few days ahead, and dropped whole once older than the window (default 35 days). An id
 * older than the window is no longer recognised: that is the window's promise and its limit.
 */
@ApplicationScoped
public class DeduplicationWindow {
    private static final Logger LOG = Logger.getLogger(DeduplicationWindow.class);

    @Inject
    PartitionRepository partitions;

    @ConfigProperty(name = "quota.actuals.dedup-window-days", defaultValue = "35")
    int windowDays;
    @ConfigProperty(name = "quota.actuals.partitions-ahead-days", defaultValue = "3")
    int aheadDays;

    private final Clock clock = Clock.systemUTC();

    /** Before the consumers start polling (lower priority number first), so today's partition exists. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        maintain(LocalDate.now(clock));
    }

    @Scheduled(identity = "dedup-window", every = "1h", delayed = "1h",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void hourly() {
        try {
            maintain(LocalDate.now(clock));
        } catch (RuntimeException e) {
            LOG.warnf(e, "deduplication window maintenance failed; the next run retries");
        }
    }

    /** Makes the partitions match the window around {@code today}; returns the days dropped. */
    public Set<LocalDate> maintain(LocalDate today) {
        return QuarkusTransaction.requiringNew().call(() -> {
            partitions.lock();
            LocalDate first = today.minusDays(windowDays);
            LocalDate last = today.plusDays(aheadDays);
            Set<LocalDate> existing = new HashSet<>(partitions.days());
            Set<LocalDate> dropped = new HashSet<>();
            for (LocalDate day : existing) {
                if (day.isBefore(first)) {
                    partitions.drop(day);
                    dropped.add(day);
                }
            }
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (!existing.contains(day)) {
                    partitions.create(day);
                }
            }
            int trimmed = partitions.trimDefault(first);
            if (!dropped.isEmpty() || trimmed > 0) {
                LOG.infof("deduplication window: dropped %d day(s) before %s, trimmed %d old id(s)", dropped.size(),
                        first, trimmed);
            }
            return dropped;
        });
    }

    public int windowDays() {
        return windowDays;
    }
}
