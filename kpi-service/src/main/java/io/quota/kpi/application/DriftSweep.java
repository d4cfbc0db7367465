package io.quota.kpi.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Time passing alone lowers pace, so every active plan's cells are evaluated on a clock too (and at once when
 * the business clock is set). Each batch is its own transaction; instances share a sweep through
 * FOR UPDATE SKIP LOCKED. Within one instance sweeps run one after the other, so a sweep asked for after the
 * clock moved always evaluates every node with the new date.
 */
@ApplicationScoped
public class DriftSweep {
    private static final Logger LOG = Logger.getLogger(DriftSweep.class);

    private final ReentrantLock running = new ReentrantLock();

    @Inject
    DriftService drift;

    @ConfigProperty(name = "quota.drift.sweep-batch", defaultValue = "200")
    int batchSize;

    @Scheduled(identity = "drift-sweep", every = "${quota.drift.sweep-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warnf(e, "drift sweep failed; the next one retries");
        }
    }

    /** Evaluates every node of the active versions; returns how many it evaluated. */
    public int sweep() {
        running.lock();
        try {
            long generation = QuarkusTransaction.requiringNew().call(drift::startSweep);
            int total = 0;
            int claimed;
            do {
                claimed = QuarkusTransaction.requiringNew().call(() -> drift.sweepBatch(generation, batchSize));
                total += claimed;
            } while (claimed > 0);
            LOG.debugf("drift sweep %d evaluated %d nodes", generation, total);
            return total;
        } finally {
            running.unlock();
        }
    }
}
