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
import io.quota.kpi.domain.WorkingDays;
import io.quota.kpi.persistence.ActualRepository;
import io.quota.kpi.persistence.CellRow;
import io.quota.kpi.persistence.DriftStateRepository;
import io.quota.kpi.persistence.DriftStateRepository.ClaimedNode;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.kpi.persistence.TargetCellRepository;
import io.quota.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Evaluates drift of nodes (the active versions' cells) and moves their state (DESIGN.md sections 4 and 5):
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
    TargetCellRepository cells;
    @Inject
    ActualRepository actuals;
    @Inject
    DriftStateRepository drifts;
    @Inject
    Outbox outbox;
    @Inject
    BusinessClock clock;
    @Inject
    Replays replays;

    /** After an actual was counted: live evaluation of the active cells whose figures it changed. */
    public void evaluateTouchedBy(Metric metric, String territoryId, Collection<LocalDate> businessDates) {
        Map<String, PlanVersionRow> plansByVersion = new HashMap<>();
        for (CellRow cell : cells.activeCellsTouchedBy(metric, territoryId, businessDates)) {
            PlanVersionRow plan = plansByVersion.computeIfAbsent(cell.planId() + "/" + cell.version(),
                    k -> plans.find(cell.planId(), cell.version()).orElseThrow());
            drifts.ensure(cell.cellKey(), cell.planId(), cell.version());
            DriftState current = drifts.find(cell.cellKey()).orElseThrow().state();
            settle(plan, cell, current, livePace(plan, cell));
        }
    }

    /**
     * One batch of a sweep: claims nodes not yet evaluated by this sweep (SKIP LOCKED) and evaluates them live.
     * Returns how many it claimed; 0 ends the sweep.
     */
    public int sweepBatch(long generation, int limit) {
        List<ClaimedNode> claimed = drifts.claim(generation, limit);
        Map<String, PlanVersionRow> plansByVersion = new HashMap<>();
        for (ClaimedNode node : claimed) {
            CellRow cell = node.cell();
            PlanVersionRow plan = plansByVersion.computeIfAbsent(cell.planId() + "/" + cell.version(),
                    k -> plans.find(cell.planId(), cell.version()).orElseThrow());
            settle(plan, cell, node.state(), livePace(plan, cell));
        }
        drifts.markSwept(claimed.stream().map(n -> n.cell().cellKey()).toList(), generation);
        return claimed.size();
    }

    public long startSweep() {
        drifts.ensureForActiveCells();
        return drifts.nextSweepGeneration();
    }

    /** Live figures while today runs in the plan's zone: expected as of yesterday, every actual up to today. */
    Pace livePace(PlanVersionRow plan, CellRow cell) {
        LocalDate today = clock.today(plan.zone());
        BigDecimal actual = actuals.sumUpTo(plan.metric(), plan.unit(), cell.territoryId(), cell.period(), today);
        return Pace.ofCell(cell.amount(), actual, cell.period(), WorkingDays.of(plan.calendar()), Pace.liveAsOf(today));
    }

    private void settle(PlanVersionRow plan, CellRow cell, DriftState current, Pace pace) {
        DriftState next = new DriftStateMachine(plan.driftPolicy()).next(current, pace);
        Optional<DriftChange> change = DriftStateMachine.change(current, next);
        if (change.isEmpty()) {
            drifts.touch(cell.cellKey(), current, plan.version(), pace.pace(), pace.asOf());
            return;
        }
        OptionalLong seq = drifts.compareAndSet(cell.cellKey(), current, next, plan.version(), pace.pace(), pace.asOf());
        if (seq.isEmpty()) {
            return; // another evaluation moved the node first and announced its own transition
        }
        if (!replays.silent()) { // a replay recounts: its transitions are stored, never announced again
            outbox.publish(event(plan, cell.cellKey(), change.get(), pace.display(plan.unit()), seq.getAsLong()));
        }
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
