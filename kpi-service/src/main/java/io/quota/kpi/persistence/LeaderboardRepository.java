package io.quota.kpi.persistence;

import io.quota.kpi.domain.DateRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Target and actual per territory and per rep of a plan version over a period, the raw figures of leaderboards.
 * Targets sum the cells lying wholly inside the period; actuals are counted up to {@code lastDay}.
 */
@ApplicationScoped
public class LeaderboardRepository {
    @Inject
    Db db;

    public record Standing(String id, BigDecimal target, BigDecimal actual) {
    }

    /** Each territory the version has cells for: its cells' target, and the actuals of its subtree. */
    public List<Standing> territories(String planId, int version, String metric, String unit, DateRange range,
                                      LocalDate lastDay, Collection<String> scopeRoots) {
        List<Object> params = new ArrayList<>();
        String with = "with recursive ";
        String inScope = "";
        if (scopeRoots != null) {
            with += ScopeSql.CTE + ", ";
            params.add(ScopeSql.roots(scopeRoots));
            inScope = " and territory_id in (select id from scope)";
        }
        params.addAll(List.of(planId, version, range.from(), range.to(), metric, unit, range.from(), lastDay));
        return db.list(with + """
                        t as (select territory_id, sum(amount) as target from target_cell
                              where plan_id = ? and version = ? and period_start >= ? and period_end <= ?
                                and territory_id is not null%s
                              group by territory_id),
                        closure(root, id) as (
                            select territory_id, territory_id from t
                            union
                            select c.root, x.territory_id from territory x join closure c on x.parent_id = c.id),
                        a as (select cl.root, sum(d.total) as actual from territory_daily d
                              join closure cl on cl.id = d.territory_id
                              where d.metric = ? and d.unit = ? and d.business_date between ? and ?
                              group by cl.root)
                        select t.territory_id, t.target, coalesce(a.actual, 0) from t left join a on a.root = t.territory_id
                        """.formatted(inScope),
                rs -> new Standing(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)), params.toArray());
    }

    /**
     * Each rep with a target or a credit: target = the cells of the territories the rep holds as PRIMARY on each
     * cell's first day; actual = explicit credits (repId or split share) plus actuals that name no rep, credited to
     * the territory's PRIMARY holder on their business date. OVERLAY holders get explicit credits only.
     */
    public List<Standing> reps(String planId, int version, String metric, String unit, DateRange range,
                               LocalDate lastDay) {
        return db.list("""
                        with target as (
                            select r.rep_id, sum(c.amount) as target from target_cell c
                            join rep_span r on r.territory_id = c.territory_id and r.role = 'PRIMARY'
                              and r.effective_from <= c.period_start
                              and (r.effective_to is null or r.effective_to > c.period_start)
                            where c.plan_id = ? and c.version = ? and c.period_start >= ? and c.period_end <= ?
                            group by r.rep_id),
                        credited as (
                            select rep_id, total from rep_daily
                            where metric = ? and unit = ? and business_date between ? and ?
                            union all
                            select r.rep_id, d.total from territory_daily d
                            join rep_span r on r.territory_id = d.territory_id and r.role = 'PRIMARY'
                              and r.effective_from <= d.business_date
                              and (r.effective_to is null or r.effective_to > d.business_date)
                            where d.metric = ? and d.unit = ? and d.business_date between ? and ? and not d.rep_named),
                        actual as (select rep_id, sum(total) as actual from credited group by rep_id)
                        select coalesce(t.rep_id, a.rep_id), t.target, coalesce(a.actual, 0)
                        from target t full join actual a on a.rep_id = t.rep_id""",
                rs -> new Standing(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)),
                planId, version, range.from(), range.to(), metric, unit, range.from(), lastDay, metric, unit,
                range.from(), lastDay);
    }
}
