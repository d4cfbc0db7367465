package io.quota.kpi.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quota.kpi.domain.BatchTotals.Touched;
import io.quota.kpi.domain.PlanTerms;
import io.quota.kpi.persistence.DriftStateRepository;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.platform.concurrent.Wakeup;
import io.quota.platform.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Drift "when actuals arrive", off the ingest path: ingest marks the territory days it changed (touched_day, in
 * its own transaction) and wakes this thread after commit; the thread claims marks with SKIP LOCKED (instances
 * share them; a crash loses none), and re-evaluates the nodes those days belong to, each transition a
 * compare-and-set with its event in the same transaction. Marks of a busy territory coalesce while it works.
 */
@ApplicationScoped
public class DriftEvaluator {
    private static final Logger LOG = Logger.getLogger(DriftEvaluator.class);

    @Inject
    DriftStateRepository drifts;
    @Inject
    PlanVersionRepository plans;
    @Inject
    DriftService drift;
    @Inject
    io.quota.kpi.persistence.ReadGenerationRepository readGeneration;
    @Inject
    TransactionSynchronizationRegistry transactions;
    @Inject
    Traces traces;

    @ConfigProperty(name = "quota.drift.claim-batch", defaultValue = "500")
    int claimBatch;
    /** How often to look for marks other instances wrote, when nothing woke this one. */
    @ConfigProperty(name = "quota.drift.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    /** Evaluator threads of this instance; they share the marks as instances do (SKIP LOCKED, compare-and-set). */
    @ConfigProperty(name = "quota.drift.evaluators", defaultValue = "1")
    int evaluators;

    private final Wakeup wakeup = new Wakeup();
    private volatile boolean running;

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < evaluators; i++) {
            Thread thread = new Thread(this::run, "drift-evaluator-" + i);
            thread.setDaemon(true);
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
    }

    /** Called inside a transaction that marked days: evaluate as soon as it commits. */
    public void wakeAfterCommit() {
        wakeup.wakeAfterCommit(transactions);
    }

    public void wake() {
        wakeup.wake();
    }

    private void run() {
        while (running) {
            try {
                int claimed = evaluateOnce();
                // AttainmentChanged held back by the one-per-second rule goes out once its second has passed
                int due = QuarkusTransaction.requiringNew().call(() -> drift.flushDueAttainment(claimBatch));
                if (claimed < claimBatch && due < claimBatch) {
                    await(pollInterval.toMillis());
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("drift evaluation failed, retrying: %s", e.getMessage());
                await(1000);
            }
        }
    }

    /** Claims and evaluates one batch of marks; returns how many it claimed. Public for tests and benchmarks. */
    public int evaluateOnce() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Touched> claimed = drifts.claimTouched(claimBatch);
            // only days some active plan counts can move a node: the rest are just cleared
            List<PlanTerms> active = plans.allActive().stream().filter(PlanVersionRow::published)
                    .map(PlanVersionRow::terms).toList();
            Map<String, Set<LocalDate>> byTerritory = new TreeMap<>();
            Map<String, String> traceOf = new HashMap<>();
            for (Touched t : claimed) {
                if (active.stream().noneMatch(p -> p.metric() == t.metric() && p.period().contains(t.date()))) {
                    continue;
                }
                String key = t.metric() + "\u0000" + t.territoryId();
                byTerritory.computeIfAbsent(key, k -> new TreeSet<>()).add(t.date());
                if (t.traceparent() != null) {
                    traceOf.put(key, t.traceparent());
                }
            }
            for (Touched t : claimed) {
                String key = t.metric() + "\u0000" + t.territoryId();
                Set<LocalDate> dates = byTerritory.remove(key);
                if (dates != null) {
                    evaluateInTrace(traceOf.get(key), () -> drift.evaluateTouchedBy(t.metric(), t.territoryId(), dates));
                }
            }
            if (!claimed.isEmpty()) {
                // figures moved: cached answers are stale from this commit on. Last, so the generation's row lock is
                // held only until this commit, not while other evaluators' transactions wait for it
                readGeneration.bump();
            }
            return claimed.size();
        });
    }

    /**
     * Evaluates inside the trace of the last actual that touched the territory (issue 8: one trace from
     * POST /api/actuals to the delivered webhook), so the drift and attainment events it publishes carry it on.
     */
    private void evaluateInTrace(String traceparent, Runnable evaluation) {
        if (traceparent == null) {
            evaluation.run();
            return;
        }
        try (Traces.TraceScope trace = traces.resume(traceparent, "drift evaluation", SpanKind.INTERNAL)) {
            evaluation.run();
        }
    }

    private void await(long millis) {
        if (!wakeup.await(millis)) {
            running = false;
        }
    }
}
