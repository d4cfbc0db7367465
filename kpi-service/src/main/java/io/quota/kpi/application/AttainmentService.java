package io.quota.kpi.application;

import io.quota.contracts.Dimension;
import io.quota.contracts.DriftState;
import io.quota.contracts.NodeKey;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.DriftStateMachine;
import io.quota.kpi.domain.Pace;
import io.quota.kpi.domain.WorkingDays;
import io.quota.kpi.persistence.ActualRepository;
import io.quota.kpi.persistence.DriftRow;
import io.quota.kpi.persistence.DriftStateRepository;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.kpi.persistence.TargetCellRepository;
import io.quota.kpi.persistence.TerritoryRepository;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads: attainment of any node of the active plan version, and the stored drift states. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AttainmentService {
    @Inject
    PlanVersionRepository plans;
    @Inject
    TargetCellRepository cells;
    @Inject
    ActualRepository actuals;
    @Inject
    DriftStateRepository drifts;
    @Inject
    TerritoryRepository territories;
    @Inject
    BusinessClock clock;
    @Inject
    io.quota.kpi.persistence.UnplannedRepository unplanned;

    /**
     * A node's figures: target and expected are sums over the cells of the territory's subtree (null: the whole
     * plan) lying wholly inside the period (null: the plan's period), so the plan's own phasing is respected;
     * actual sums the subtree's daily totals within the period. Without asOf the figures are live (expected as of
     * yesterday, actuals up to today); with asOf they are those at the end of that business day.
     * <p>
     * Scope (DESIGN.md section 6): a territory outside the caller's scope is answered exactly like an unknown one
     * (404); the whole plan, for a caller restricted to some subtrees, sums only its cells inside them (and their
     * actuals), and is answered like an unknown plan when none is.
     */
    public Attainment attainment(String planId, String territoryId, DateRange period, LocalDate asOf,
                                 CallerScope caller) {
        PlanVersionRow plan = plans.active(planId).orElseThrow(() -> noActiveVersion(planId));
        // the roots of the subtrees the figures are limited to; null: no limit
        Collection<String> scope = caller.unrestricted() ? null : Set.copyOf(caller.roots());
        if (territoryId != null) {
            if (!caller.allows(territoryId, territories::ancestorsAndSelf) || !known(plan, territoryId)) {
                throw ProblemException.notFound("territory", territoryId);
            }
            scope = null; // a territory in scope has its whole subtree in scope
        } else if (scope != null && (scope.isEmpty() || !cells.anyInScope(planId, plan.version(), scope))) {
            throw noActiveVersion(planId);
        }
        DateRange range = period == null ? plan.period() : period;
        LocalDate today = clock.today(plan.zone());
        LocalDate expectedAsOf = asOf == null ? Pace.liveAsOf(today) : asOf;
        LocalDate actualsUntil = asOf == null ? today : asOf;
        WorkingDays days = WorkingDays.of(plan.calendar());

        BigDecimal target = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;
        long cellCount = 0;
        for (TargetCellRepository.PeriodTotal part : cells.periodTotalsInside(planId, plan.version(), territoryId, range,
                scope)) {
            target = target.add(part.amount());
            expected = expected.add(Pace.expectedToDate(part.amount(), part.period(), days, expectedAsOf));
            cellCount += part.cells();
        }
        BigDecimal actual = actualOf(plan, territoryId, range, actualsUntil, scope);
        Pace pace = new Pace(target, actual, expected, Pace.elapsed(range, days, expectedAsOf),
                days.count(range.from(), range.to()), expectedAsOf);

        String nodeKey = NodeKey.of(planId, territoryId == null ? Map.of() : Map.of(Dimension.TERRITORY, territoryId),
                range.from(), range.to()).encode();
        // a part of a node shown to a restricted caller never shows the whole node's stored state
        return new Attainment(planId, plan.version(), nodeKey, plan.metric(), plan.unit(), pace.display(plan.unit()),
                state(plan, nodeKey, pace, asOf == null && scope == null),
                Math.toIntExact(cellCount), cells.cellsPartlyInside(planId, plan.version(), territoryId, range, scope));
    }

    /** A plan's unplanned bucket: its actuals no cell of the active version takes, per credited territory. */
    public Unplanned unplanned(String planId, CallerScope caller) {
        PlanVersionRow plan = plans.active(planId).orElseThrow(() -> noActiveVersion(planId));
        Collection<String> scope = caller.unrestricted() ? null : Set.copyOf(caller.roots());
        if (scope != null && scope.isEmpty()) {
            throw noActiveVersion(planId);
        }
        List<Bucket> buckets = unplanned.buckets(planId, plan.version(), plan.metric().name(), plan.unit(),
                plan.period().from(), plan.period().to(), scope).stream()
                .map(b -> new Bucket(b.territoryId().isEmpty() ? null : b.territoryId(), b.value())).toList();
        return new Unplanned(plan.planId(), plan.version(), plan.metric(), plan.unit(), buckets);
    }

    /** Actuals no cell takes, credited to one territory (null: to none). */
    public record Bucket(String territoryId, BigDecimal value) {
    }

    /** The unplanned bucket of a plan's active version. */
    public record Unplanned(String planId, int version, io.quota.contracts.Metric metric, String unit,
                            List<Bucket> buckets) {
    }

    /** Stored drift states, by node key; a restricted caller sees only the nodes whose territory is in its scope. */
    public Page<DriftView> drifts(String planId, DriftState state, int page, int size, CallerScope caller) {
        Collection<String> scope = caller.unrestricted() ? null : Set.copyOf(caller.roots());
        if (scope != null && scope.isEmpty()) {
            return new Page<>(List.of(), page, size, 0); // a rep without a territories claim sees no node
        }
        List<DriftView> items = drifts.page(planId, state, scope, page, size).stream().map(AttainmentService::view)
                .toList();
        return new Page<>(items, page, size, drifts.count(planId, state, scope));
    }

    private BigDecimal actualOf(PlanVersionRow plan, String territoryId, DateRange range, LocalDate lastDay,
                                Collection<String> scope) {
        if (territoryId != null) {
            return actuals.sumUpTo(plan.metric(), plan.unit(), territoryId, range, lastDay);
        }
        DateRange counted = range.until(lastDay);
        if (counted == null) {
            return BigDecimal.ZERO;
        }
        if (scope == null && cells.hasCellWithoutTerritory(plan.planId(), plan.version())) {
            return actuals.sumForAll(plan.metric(), plan.unit(), counted);
        }
        return actuals.sumForPlanTerritories(plan.planId(), plan.version(), plan.metric(), plan.unit(), counted, scope);
    }

    /** A territory the replica holds, or one a cell of the version names (its TerritoryChanged may not be here yet). */
    private boolean known(PlanVersionRow plan, String territoryId) {
        return territories.exists(territoryId) || cells.namesTerritory(plan.planId(), plan.version(), territoryId);
    }

    /** The same answer for a plan that has no active version and for one with nothing in the caller's scope. */
    private static ProblemException noActiveVersion(String planId) {
        return new ProblemException(404, "Not found", "plan " + planId + " has no active version", null);
    }

    /**
     * Live figures of a stored node show its stored state (with its hysteresis history); any other node, and any
     * node read as of a past date, shows the state its figures alone give.
     */
    private DriftState state(PlanVersionRow plan, String nodeKey, Pace pace, boolean live) {
        if (live) {
            var stored = drifts.find(nodeKey);
            if (stored.isPresent()) {
                return stored.get().state();
            }
        }
        return new DriftStateMachine(plan.driftPolicy()).next(DriftState.ON_TRACK, pace);
    }

    private static DriftView view(DriftRow row) {
        return new DriftView(row.nodeKey(), row.planId(), row.version(), row.state(), Pace.round(row.pace(), 4),
                row.since(), row.asOf());
    }
}
