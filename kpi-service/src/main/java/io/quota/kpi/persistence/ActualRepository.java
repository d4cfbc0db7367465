package io.quota.kpi.persistence;

import io.quota.contracts.Metric;
import io.quota.kpi.domain.DateRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class ActualRepository {
    @Inject
    Db db;

    /**
     * Actuals of a territory's subtree (null: every territory) within the period, dated up to lastDay.
     */
    public BigDecimal sumUpTo(Metric metric, String unit, String territoryId, DateRange period, LocalDate lastDay) {
        DateRange counted = period.until(lastDay);
        if (counted == null) {
            return BigDecimal.ZERO;
        }
        return territoryId == null ? sumForAll(metric, unit, counted) : sumForSubtree(metric, unit, territoryId, counted);
    }

    /** Sum of the daily totals of a territory's subtree within the range. */
    public BigDecimal sumForSubtree(Metric metric, String unit, String territoryId, DateRange range) {
        return db.one(TargetCellRepository.SUBTREE + """
                        select coalesce(sum(total), 0) from territory_daily
                        where metric = ? and unit = ? and business_date between ? and ?
                          and territory_id in (select id from sub)""",
                rs -> rs.getBigDecimal(1), territoryId, metric, unit, range.from(), range.to()).orElse(BigDecimal.ZERO);
    }

    /** Sum of the daily totals of every territory within the range. */
    public BigDecimal sumForAll(Metric metric, String unit, DateRange range) {
        return db.one("""
                        select coalesce(sum(total), 0) from territory_daily
                        where metric = ? and unit = ? and business_date between ? and ?""",
                rs -> rs.getBigDecimal(1), metric, unit, range.from(), range.to()).orElse(BigDecimal.ZERO);
    }

    /**
     * Sum of the daily totals of the subtrees of every territory a plan version has cells for; with scopeRoots
     * (not null) only of the territories of its cells inside the caller's scope.
     */
    public BigDecimal sumForPlanTerritories(String planId, int version, Metric metric, String unit, DateRange range,
                                            Collection<String> scopeRoots) {
        List<Object> params = new ArrayList<>();
        if (scopeRoots != null) {
            params.add(ScopeSql.roots(scopeRoots));
        }
        params.addAll(List.of(planId, version, metric, unit, range.from(), range.to()));
        String inScope = scopeRoots == null ? "" : "and territory_id in (select id from scope)";
        return db.one("with recursive " + (scopeRoots == null ? "" : ScopeSql.CTE + ", ") + """
                        sub(id) as (
                            select distinct territory_id from target_cell
                            where plan_id = ? and version = ? and territory_id is not null %s
                            union
                            select t.territory_id from territory t join sub on t.parent_id = sub.id)
                        select coalesce(sum(total), 0) from territory_daily
                        where metric = ? and unit = ? and business_date between ? and ?
                          and territory_id in (select id from sub)""".formatted(inScope),
                rs -> rs.getBigDecimal(1), params.toArray()).orElse(BigDecimal.ZERO);
    }
}
