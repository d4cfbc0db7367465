package io.quota.kpi.application;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quota.kpi.persistence.ReadGenerationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Answers of attainment queries, kept while nothing that moves figures has happened, so dashboards polling a
 * roll-up over a million cells cost a map lookup. Valid for one read generation (bumped in the transaction of
 * every change: actuals evaluated, versions activated or withdrawn, territories changed; every instance sees it
 * within the refresh interval), one business date (a set clock) and one UTC hour (a plan's day ends on the hour
 * in its zone). The caller's scope is part of the key.
 */
@ApplicationScoped
public class AttainmentCache {
    private static final Logger LOG = Logger.getLogger(AttainmentCache.class);
    private static final int MAX_ENTRIES = 10_000;

    @Inject
    ReadGenerationRepository generations;
    @Inject
    BusinessClock clock;

    @ConfigProperty(name = "quota.attainment.cache-refresh", defaultValue = "PT0.1S")
    Duration refresh;

    private record Entry(long generation, String epoch, Object value) {
    }

    private final Map<String, Entry> answers = new ConcurrentHashMap<>();
    private volatile long generation = -1;
    private ScheduledExecutorService refresher;

    void start(@Observes StartupEvent event) {
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "attainment-cache-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The cached answer for the key, or the computed one (cached when the generation is known). */
    public Object get(String key, Supplier<Object> compute) {
        long current = generation;
        String epoch = (clock.isSet() ? clock.today() : "") + "@" + Instant.now().truncatedTo(ChronoUnit.HOURS);
        Entry entry = answers.get(key);
        if (entry != null && entry.generation() == current && current >= 0 && entry.epoch().equals(epoch)) {
            return entry.value();
        }
        Object value = compute.get();
        if (current >= 0) {
            if (answers.size() >= MAX_ENTRIES) {
                answers.clear();
            }
            answers.put(key, new Entry(current, epoch, value));
        }
        return value;
    }

    private void refresh() {
        try {
            long current = generations.current();
            if (current != generation) {
                generation = current;
            }
        } catch (RuntimeException e) {
            generation = -1; // unknown: answer uncached until the database answers again
            LOG.debugf("read generation unknown: %s", e.getMessage());
        }
    }
}
