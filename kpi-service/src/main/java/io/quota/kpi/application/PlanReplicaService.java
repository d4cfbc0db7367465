package io.quota.kpi.application;

import io.quota.contracts.InvalidEventException;
import io.quota.contracts.NodeKey;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.PlanWithdrawn;
import io.quota.contracts.events.TargetAllocated;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.kpi.persistence.PlanStatus;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.kpi.persistence.TargetCellRepository;
import io.quota.kpi.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/**
 * kpi-service's replicas of plans, their cells and the territory tree (DESIGN.md section 3): a version becomes
 * active only when its PlanPublished has arrived and all its cellCount cells are stored, in whichever order the
 * two topics deliver them; until then the previous version stays active.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PlanReplicaService {
    private static final Logger LOG = Logger.getLogger(PlanReplicaService.class);

    @Inject
    PlanVersionRepository plans;
    @Inject
    TargetCellRepository cells;
    @Inject
    TerritoryRepository territories;
    @Inject
    NodeLevels levels;
    @Inject
    io.quota.kpi.persistence.ReadGenerationRepository readGeneration;

    public void published(PlanPublished p) {
        if (p.periodEnd().isBefore(p.periodStart())) {
            throw new InvalidEventException("plan " + p.planId() + " v" + p.version() + " ends before it starts");
        }
        try {
            ZoneId.of(p.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidEventException("plan " + p.planId() + " has an unknown time zone: " + p.timeZone(), e);
        }
        for (String level : p.effectiveAlertLevels()) {
            try {
                io.quota.kpi.domain.NodeLevel.parse(level);
            } catch (IllegalArgumentException e) {
                throw new InvalidEventException("plan " + p.planId() + " names a bad alert level: " + e.getMessage(), e);
            }
        }
        plans.lockPlan(p.planId());
        plans.storeHeader(p);
        activateIfComplete(p.planId(), p.version());
    }

    /** A recalled version: if it was the active one, the newest version it had superseded is active again. */
    public void withdrawn(PlanWithdrawn w) {
        plans.lockPlan(w.planId());
        plans.ensure(w.planId(), w.version());
        PlanVersionRow row = plans.find(w.planId(), w.version()).orElseThrow();
        plans.setStatus(w.planId(), w.version(), PlanStatus.WITHDRAWN);
        readGeneration.bump();
        if (row.status() == PlanStatus.ACTIVE) {
            Optional<PlanVersionRow> previous = plans.latestSupersededBefore(w.planId(), w.version());
            previous.ifPresent(v -> {
                plans.setStatus(v.planId(), v.version(), PlanStatus.ACTIVE);
                levels.materializeIfMissing(v);
            });
            LOG.infof("plan %s v%d withdrawn; active now: %s", w.planId(), w.version(),
                    previous.map(v -> "v" + v.version()).orElse("none"));
        }
    }

    public void cellAllocated(TargetAllocated t) {
        NodeKey cell;
        try {
            cell = t.cell();
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("cellKey is not a node key: " + e.getMessage(), e);
        }
        if (!cell.planId().equals(t.planId())) {
            throw new InvalidEventException("cell " + t.cellKey() + " does not belong to plan " + t.planId());
        }
        plans.lockPlan(t.planId());
        plans.ensure(t.planId(), t.version());
        PlanVersionRow version = plans.find(t.planId(), t.version()).orElseThrow();
        if (version.unit() != null && !version.unit().equals(t.unit())) {
            throw new InvalidEventException("cell " + t.cellKey() + " is in " + t.unit() + " but plan " + t.planId()
                    + " v" + t.version() + " counts in " + version.unit());
        }
        if (cells.insert(t.planId(), t.version(), cell, t.amount(), t.unit())) {
            plans.countArrivedCell(t.planId(), t.version());
            activateIfComplete(t.planId(), t.version());
        }
    }

    public void territoryChanged(TerritoryChanged t) {
        territories.upsert(t);
        readGeneration.bump();
    }

    private void activateIfComplete(String planId, int version) {
        PlanVersionRow row = plans.find(planId, version).orElseThrow();
        if (row.status() != PlanStatus.PENDING || !row.published()) {
            return;
        }
        if (row.arrived() > row.cellCount()) {
            LOG.warnf("plan %s v%d has %d cells stored but announced %d: not activated", planId, version,
                    row.arrived(), row.cellCount());
            return;
        }
        if (!row.complete()) {
            return;
        }
        Optional<PlanVersionRow> active = plans.active(planId);
        if (active.isPresent() && active.get().version() > version) {
            // completed after a newer version went live: it never becomes active
            plans.setStatus(planId, version, PlanStatus.SUPERSEDED);
            return;
        }
        active.ifPresent(a -> plans.setStatus(planId, a.version(), PlanStatus.SUPERSEDED));
        plans.setStatus(planId, version, PlanStatus.ACTIVE);
        levels.materializeIfMissing(row);
        readGeneration.bump();
        LOG.infof("plan %s v%d active with %d cells", planId, version, row.arrived());
    }
}
