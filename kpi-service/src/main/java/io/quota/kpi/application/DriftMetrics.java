package io.quota.kpi.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quota.contracts.DriftState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.util.EnumMap;
import java.util.Map;

/**
 * {@code quota_drift_transitions_total{state}}: drift transitions by the state entered (a Grafana dashboard reads
 * this exact name). Counted when the transition's transaction commits, so a rolled-back one is never counted.
 */
@ApplicationScoped
@Startup // registered at start, so every state's series exists (at 0) before the first transition
public class DriftMetrics {
    private final Map<DriftState, Counter> transitions = new EnumMap<>(DriftState.class);

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    void register(MeterRegistry registry) {
        for (DriftState state : DriftState.values()) {
            transitions.put(state, Counter.builder("quota.drift.transitions")
                    .description("Drift state transitions, by the state entered").tag("state", state.name())
                    .register(registry));
        }
    }

    /** Counts a transition into {@code state} once the current transaction commits. */
    public void transitionCommitted(DriftState state) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    transitions.get(state).increment();
                }
            }
        });
    }
}
