package io.quota.kpi.application;

import io.quota.contracts.Dimension;
import io.quota.contracts.DriftState;
import io.quota.contracts.NodeKey;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.DriftStateMachine;
import io.quota.kpi.domain.Pace;
import io.quota.kpi.domain.WorkingDays;
import io.quota.kpi.persistence.ActualRepository;
import io.quota.kpi.persistence.CellRow;
import io.quota.kpi.persistence.DriftRow;
import io.quota.kpi.persistence.DriftStateRepository;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.kpi.persistence.TargetCellRepository;
import io.quota.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
    BusinessClock clock;

    /**
     * A node's figures: target and expected are sums over the cells of the territory's subtree (null: the whole
     * plan) lying wholly inside the period (null: the plan's period), so the plan's own phasing is respected;
     * actual sums the subtree's daily totals within the period. Without asOf the figures are live (expected as of
     * yesterday, actuals up to today); with asOf they are those at the end of that business day.
     */
    public Attainment attainment(String planId, String territoryId, DateRange period, LocalDate asOf) {
        PlanVersionRow plan = plans.active(planId)
                .orElseThrow(() -> new ProblemException(404, "Not found", "plan " + planId + " has no active version", null));
        DateRange range = period == null ? plan.period() : period;
        LocalDate today = clock.today(plan.zone());
        LocalDate expectedAsOf = asOf == null ? Pace.liveAsOf(today) : asOf;
        LocalDate actualsUntil = asOf == null ? today : asOf;
        WorkingDays days = WorkingDays.of(plan.calendar());

        List<CellRow> summed = cells.cellsInside(planId, plan.version(), territoryId, range);
        BigDecimal target = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;
        for (CellRow cell : summed) {
            target = target.add(cell.amount());
            expected = expected.add(Pace.expectedToDate(cell.amount(), cell.period(), days, expectedAsOf));
        }
        BigDecimal actual = actualOf(plan, territoryId, range, actualsUntil);
        Pace pace = new Pace(target, actual, expected, Pace.elapsed(range, days, expectedAsOf),
                days.count(range.from(), range.to()), expectedAsOf);

        String nodeKey = NodeKey.of(planId, territoryId == null ? Map.of() : Map.of(Dimension.TERRITORY, territoryId),
                range.from(), range.to()).encode();
        return new Attainment(planId, plan.version(), nodeKey, plan.metric(), plan.unit(), pace.display(plan.unit()),
                state(plan, nodeKey, pace, asOf == null),
                summed.size(), cells.cellsPartlyInside(planId, plan.version(), territoryId, range));
    }

    public Page<DriftView> drifts(String planId, DriftState state, int page, int size) {
        List<DriftView> items = drifts.page(planId, state, page, size).stream().map(AttainmentService::view).toList();
        return new Page<>(items, page, size, drifts.count(planId, state));
    }

    private BigDecimal actualOf(PlanVersionRow plan, String territoryId, DateRange range, LocalDate lastDay) {
        if (territoryId != null) {
            return actuals.sumUpTo(plan.metric(), plan.unit(), territoryId, range, lastDay);
        }
        DateRange counted = range.until(lastDay);
        if (counted == null) {
            return BigDecimal.ZERO;
        }
        return cells.hasCellWithoutTerritory(plan.planId(), plan.version())
                ? actuals.sumForAll(plan.metric(), plan.unit(), counted)
                : actuals.sumForPlanTerritories(plan.planId(), plan.version(), plan.metric(), plan.unit(), counted);
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
