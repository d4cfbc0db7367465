package io.quota.kpi.application;

import io.quota.contracts.DriftState;
import io.quota.contracts.EventIds;
import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftResolved;
import io.quota.contracts.events.Figures;
import io.quota.kpi.domain.DriftChange;
import io.quota.kpi.domain.DriftStateMachine;
import io.quota.kpi.domain.Pace;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.kpi.persistence.AlertNodeRepository;
import io.quota.kpi.persistence.AlertNodeRepository.AlertNode;
import io.quota.kpi.persistence.DriftStateRepository;
import io.quota.kpi.persistence.DriftStateRepository.ClaimedNode;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.kpi.persistence.TargetCellRepository.PeriodTotal;
import io.quota.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Evaluates drift of nodes (the active versions' alert nodes: cells and roll-ups) and moves their state (DESIGN.md sections 4 and 5):
 * a transition is a compare-and-set on the stored state, and only the evaluation that made it writes its
 * DriftDetected or DriftResolved to the outbox, in the same transaction, with an id derived from the node and
 * the transition's sequence number (so a repeat is recognised downstream).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DriftService {
    @Inject
    PlanVersionRepository plans;
    @Inject
    AlertNodeRepository alertNodes;
    @Inject
    NodeFigures figures;
    @Inject
    NodeLevels levels;
    @Inject
    DriftMetrics metrics;
    @Inject
    DriftStateRepository drifts;
    @Inject
    Outbox outbox;
    @Inject
    BusinessClock clock;
    @Inject
    Replays replays;
    @Inject
    TransactionSynchronizationRegistry transactions;

    /**
     * After actuals were counted: live evaluation of the alert nodes whose figures they changed, and their
     * AttainmentChanged (coalesced to one per node per second).
     */
    public void evaluateTouchedBy(Metric metric, String territoryId, Collection<LocalDate> businessDates) {
        Map<String, PlanVersionRow> plansByVersion = plansOfThisTransaction();
        for (AlertNode node : alertNodes.touchedBy(metric, territoryId, businessDates)) {
            PlanVersionRow plan = plan(plansByVersion, node);
            DriftState current = drifts.ensure(node.nodeKey(), node.planId(), node.version());
            Pace pace = livePace(plan, node);
            boolean silent = replays.silent(); // asked after the figures were read: a replay begun since is seen
            settle(plan, node.nodeKey(), current, pace, silent);
            publishAttainment(plan, node.nodeKey(), pace, silent);
        }
    }

    /** Nodes whose AttainmentChanged waited for their second: published now with their current figures. */
    public int flushDueAttainment(int limit) {
        List<String> due = drifts.claimDueAttainment(limit);
        Map<String, PlanVersionRow> plansByVersion = new HashMap<>();
        for (String nodeKey : due) {
            Optional<AlertNode> node = alertNodes.find(nodeKey);
            if (node.isEmpty()) {
                continue;
            }
            PlanVersionRow plan = plan(plansByVersion, node.get());
            Pace pace = livePace(plan, node.get());
            publishAttainment(plan, nodeKey, pace, replays.silent());
        }
        return due.size();
    }

    /**
     * One batch of a sweep: claims nodes not yet evaluated by this sweep (SKIP LOCKED) and evaluates them live.
     * Returns how many it claimed; 0 ends the sweep.
     */
    public int sweepBatch(long generation, int limit) {
        List<ClaimedNode> claimed = drifts.claim(generation, limit);
        Map<String, PlanVersionRow> plansByVersion = new HashMap<>();
        for (ClaimedNode claimedNode : claimed) {
            AlertNode node = claimedNode.node();
            PlanVersionRow plan = plan(plansByVersion, node);
            Pace pace = livePace(plan, node);
            boolean silent = replays.silent();
            // time passing moved what dashboards show (expected, pace, forecast, state): tell them, coalesced
            if (settle(plan, node.nodeKey(), claimedNode.state(), pace, silent)) {
                publishAttainment(plan, node.nodeKey(), pace, silent);
            }
        }
        drifts.markSwept(claimed.stream().map(n -> n.node().nodeKey()).toList(), generation);
        return claimed.size();
    }

    /** Groups the alert nodes of active versions that have none yet, then starts a sweep generation. */
    public long startSweep() {
        for (PlanVersionRow plan : plans.allActive()) {
            if (plan.published()) {
                levels.materializeIfMissing(plan);
                levels.regroupRollups(plan);
            }
        }
        drifts.ensureForActiveNodes();
        return drifts.nextSweepGeneration();
    }

    /** Live figures while today runs in the plan's zone: expected as of yesterday, every actual up to today. */
    Pace livePace(PlanVersionRow plan, AlertNode node) {
        LocalDate today = clock.today(plan.zone());
        List<PeriodTotal> known = node.amount() == null ? null
                : List.of(new PeriodTotal(node.period(), node.amount(), 1, node.amount(), node.amount()));
        return figures.of(plan, node.members(), node.period(), Pace.liveAsOf(today), today, null, known).pace();
    }

    /** Plan versions read in this transaction (an evaluation batch calls once per touched territory). */
    @SuppressWarnings("unchecked")
    private Map<String, PlanVersionRow> plansOfThisTransaction() {
        Object key = PlanVersionRow.class;
        Map<String, PlanVersionRow> cache = (Map<String, PlanVersionRow>) transactions.getResource(key);
        if (cache == null) {
            cache = new HashMap<>();
            transactions.putResource(key, cache);
        }
        return cache;
    }

    private PlanVersionRow plan(Map<String, PlanVersionRow> cache, AlertNode node) {
        return cache.computeIfAbsent(node.planId() + "/" + node.version(),
                k -> plans.find(node.planId(), node.version()).orElseThrow());
    }

    /**
     * AttainmentChanged of the node's figures when its turn of the second is free; else the node is marked due and
     * the flusher publishes its figures once the second has passed.
     */
    private void publishAttainment(PlanVersionRow plan, String nodeKey, Pace pace, boolean silent) {
        OptionalLong turn = drifts.takeAttainmentTurn(nodeKey);
        if (turn.isEmpty() || silent) { // a replay: dashboards saw these figures, not announced again
            return;
        }
        long seq = turn.getAsLong();
        outbox.publish(new AttainmentChanged(EventIds.derive("attainment", nodeKey, String.valueOf(seq)), Instant.now(),
                1, nodeKey, plan.planId(), plan.version(), plan.metric(), plan.unit(), pace.display(plan.unit())));
    }

    /**
     * Moves the node's state if its figures call for it (announcing the transition) and records the figures;
     * returns whether the figures shown (or the state) moved since the node's last evaluation.
     */
    private boolean settle(PlanVersionRow plan, String nodeKey, DriftState current, Pace pace, boolean silent) {
        DriftState next = new DriftStateMachine(plan.driftPolicy()).next(current, pace);
        Optional<DriftChange> change = DriftStateMachine.change(current, next);
        if (change.isEmpty()) {
            return drifts.touch(nodeKey, current, plan.version(), pace.pace(), pace.asOf(),
                    pace.shown(plan.unit(), current));
        }
        OptionalLong seq = drifts.compareAndSet(nodeKey, current, next, plan.version(), pace.pace(), pace.asOf(),
                pace.shown(plan.unit(), next));
        if (seq.isEmpty()) {
            return false; // another evaluation moved the node first: it announced and recorded its own figures
        }
        if (!silent) { // a replay recounts: its transitions are stored, never announced again
            outbox.publish(event(plan, nodeKey, change.get(), pace.display(plan.unit()), seq.getAsLong()));
            metrics.transitionCommitted(next);
        }
        return true; // the state moved, so what is shown moved
    }

    private static QuotaEvent event(PlanVersionRow plan, String nodeKey, DriftChange change, Figures figures, long seq) {
        var eventId = EventIds.derive("drift", nodeKey, String.valueOf(seq));
        Instant now = Instant.now();
        if (change instanceof DriftChange.Detected d) {
            return new DriftDetected(eventId, now, 1, nodeKey, plan.planId(), plan.version(), plan.metric(), plan.unit(),
                    d.state(), d.previous(), figures);
        }
        return new DriftResolved(eventId, now, 1, nodeKey, plan.planId(), plan.version(), plan.metric(), plan.unit(),
                change.previous(), figures);
    }
}
