package io.quota.kpi.application;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.DerivedKpi;
import io.quota.kpi.domain.Pace;
import io.quota.kpi.domain.WorkingDays;
import io.quota.kpi.persistence.ActualRepository;
import io.quota.kpi.persistence.NodeSql.Territories;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.kpi.persistence.TargetCellRepository;
import io.quota.kpi.persistence.TargetCellRepository.PeriodTotal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The one home of a node's figures (DESIGN.md section 4), for queries, drift and AttainmentChanged alike: target
 * and expected sum the node's cells lying wholly inside its period (so the plan's own phasing is respected);
 * actual sums its territories' daily totals for its members. A derived KPI is a ratio of sums of its two base
 * metrics, never an average of ratios, and has no time phasing (its pace is its attainment).
 */
@ApplicationScoped
public class NodeFigures {
    @Inject
    TargetCellRepository cells;
    @Inject
    ActualRepository actuals;

    /** A node's figures and how many cells it summed. */
    public record Figures(Pace pace, long cells) {
    }

    /**
     * @param members      the node's members (territory: its subtree); none: the whole plan
     * @param expectedAsOf expected is owed up to the end of this day
     * @param actualsUntil actuals dated up to this day count
     * @param scopeRoots   not null: only cells (and their territories) in the caller's scope
     * @param known        the node's cells summed per period when the caller has them (a cell), else null
     */
    public Figures of(PlanVersionRow plan, Map<Dimension, String> members, DateRange range, LocalDate expectedAsOf,
                      LocalDate actualsUntil, Collection<String> scopeRoots, List<PeriodTotal> known) {
        List<PeriodTotal> parts = known != null ? known
                : cells.periodTotalsInside(plan.planId(), plan.version(), members, range, scopeRoots);
        WorkingDays days = WorkingDays.of(plan.calendar());
        long cellCount = parts.stream().mapToLong(PeriodTotal::cells).sum();
        long elapsed = Pace.elapsed(range, days, expectedAsOf);
        long total = days.count(range.from(), range.to());
        Territories territories = territories(plan, members, scopeRoots);
        DateRange counted = range.until(actualsUntil);
        DerivedKpi ratio = DerivedKpi.of(plan.metric());
        if (plan.metric().derived()) {
            BigDecimal target = agreedRate(parts);
            BigDecimal actual = ratio == null || counted == null ? BigDecimal.ZERO : ratioOfSums(plan, ratio, territories,
                    members, counted);
            return new Figures(new Pace(target, actual, target, elapsed, total, expectedAsOf), cellCount);
        }
        BigDecimal target = BigDecimal.ZERO;
        BigDecimal expected = BigDecimal.ZERO;
        for (PeriodTotal part : parts) {
            target = target.add(part.amount());
            expected = expected.add(Pace.expectedToDate(part.amount(), part.period(), days, expectedAsOf));
        }
        BigDecimal actual = counted == null ? BigDecimal.ZERO
                : actuals.sum(plan.metric(), plan.unit(), territories, members, counted);
        return new Figures(new Pace(target, actual, expected, elapsed, total, expectedAsOf), cellCount);
    }

    /** The days with actuals of a node, for its history. */
    public Map<LocalDate, BigDecimal> dailyActuals(PlanVersionRow plan, Map<Dimension, String> members, DateRange range,
                                                   Collection<String> scopeRoots) {
        return actuals.daily(plan.metric(), plan.unit(), territories(plan, members, scopeRoots), members, range);
    }

    /** A node with a territory counts its subtree; the whole plan counts its cells' territories (or all of them). */
    private Territories territories(PlanVersionRow plan, Map<Dimension, String> members, Collection<String> scopeRoots) {
        String territory = members.get(Dimension.TERRITORY);
        if (territory != null) {
            return Territories.subtree(territory, scopeRoots); // a group of a scoped caller: its part in scope
        }
        if (scopeRoots == null && cells.hasCellWithoutTerritory(plan.planId(), plan.version())) {
            return Territories.every();
        }
        return Territories.ofPlanCells(plan.planId(), plan.version(), scopeRoots);
    }

    private BigDecimal ratioOfSums(PlanVersionRow plan, DerivedKpi ratio, Territories territories,
                                   Map<Dimension, String> members, DateRange counted) {
        // an amount (REVENUE) is summed in the plan's currency; counts and CSAT scores in any unit they were recorded
        // in; CSAT responses in theirs (DerivedKpi.RESPONSES)
        String numeratorUnit = ratio.numerator() == Metric.REVENUE ? plan.unit() : null;
        BigDecimal numerator = actuals.sum(ratio.numerator(), numeratorUnit, territories, members, counted);
        BigDecimal denominator = actuals.sum(ratio.denominator(), ratio.denominatorUnit(), territories, members, counted);
        return denominator.signum() == 0 ? BigDecimal.ZERO : numerator.divide(denominator, MathContext.DECIMAL128);
    }

    /** A derived KPI is never summed: a roll-up's target is its cells' rate when they all agree, else undefined (0). */
    private static BigDecimal agreedRate(List<PeriodTotal> parts) {
        BigDecimal rate = null;
        for (PeriodTotal part : parts) {
            if (part.min().compareTo(part.max()) != 0 || (rate != null && rate.compareTo(part.min()) != 0)) {
                return BigDecimal.ZERO;
            }
            rate = part.min();
        }
        return rate == null ? BigDecimal.ZERO : rate;
    }
}
