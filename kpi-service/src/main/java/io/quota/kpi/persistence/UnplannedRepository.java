package io.quota.kpi.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The unplanned bucket of a plan version: actuals of its metric and unit within its period that no cell takes
 * (no cell whose period holds the date, whose territory subtree holds the credited territory, and whose other
 * members match). Kept, never dropped, and shown per territory ('' = credited to no territory).
 */
@ApplicationScoped
public class UnplannedRepository {
    @Inject
    Db db;

    public record Bucket(String territoryId, BigDecimal value) {
    }

    public List<Bucket> buckets(String planId, int version, String metric, String unit,
                                java.time.LocalDate from, java.time.LocalDate to, Collection<String> scopeRoots) {
        List<Object> params = new ArrayList<>();
        String scope = "";
        String with = "with recursive ";
        if (scopeRoots != null) {
            with += ScopeSql.CTE + ", ";
            params.add(ScopeSql.roots(scopeRoots));
            scope = " and d.territory_id in (select id from scope)";
        }
        params.addAll(List.of(planId, version, metric, unit, from, to, planId, version));
        return db.list(with + """
                        closure(root, id) as (
                            select distinct territory_id, territory_id from target_cell
                            where plan_id = ? and version = ? and territory_id is not null
                            union
                            select c.root, t.territory_id from territory t join closure c on t.parent_id = c.id)
                        select d.territory_id, sum(d.total) from territory_daily d
                        where d.metric = ? and d.unit = ? and d.business_date between ? and ?%s
                          and not exists (
                            select 1 from target_cell c
                            where c.plan_id = ? and c.version = ?
                              and d.business_date between c.period_start and c.period_end
                              and (c.territory_id is null or exists (select 1 from closure cl
                                                                     where cl.root = c.territory_id and cl.id = d.territory_id))
                              and (c.industry is null or c.industry = d.industry)
                              and (c.customer_type is null or c.customer_type = d.customer_type)
                              and (c.product_line is null or c.product_line = d.product_line)
                              and (c.channel is null or c.channel = d.channel))
                        group by d.territory_id having sum(d.total) <> 0 order by d.territory_id""".formatted(scope),
                rs -> new Bucket(rs.getString(1), rs.getBigDecimal(2)), params.toArray());
    }
}
