package io.quota.kpi.persistence;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.DerivedKpi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums of credited actuals grouped by member dimensions (the read target-service makes for HISTORY weights). */
@ApplicationScoped
public class TotalsRepository {
    /** territory_daily's column of each member dimension. */
    public static final Map<Dimension, String> COLUMN = Map.of(Dimension.TERRITORY, "territory_id",
            Dimension.INDUSTRY, "industry", Dimension.CUSTOMER_TYPE, "customer_type",
            Dimension.PRODUCT_LINE, "product_line", Dimension.CHANNEL, "channel");

    @Inject
    Db db;

    /** One group: its members (null = none recorded) per dimension asked for, its unit and total. */
    public record Total(Map<Dimension, String> members, String unit, BigDecimal value) {
    }

    /**
     * @param filters    member filters; a territory filter takes its whole subtree
     * @param scopeRoots the caller's scope (null: unrestricted)
     */
    public List<Total> totals(Metric metric, String unit, DateRange range, List<Dimension> by,
                              Map<Dimension, String> filters, Collection<String> scopeRoots) {
        List<Object> params = new ArrayList<>();
        List<String> ctes = new ArrayList<>();
        List<String> where = new ArrayList<>(List.of("metric = ?", "business_date between ? and ?"));
        String territory = filters.get(Dimension.TERRITORY);
        if (territory != null) {
            ctes.add(TargetCellRepository.SUB_CTE);
            params.add(territory);
            where.add("territory_id in (select id from sub)");
        }
        if (scopeRoots != null) {
            ctes.add(ScopeSql.CTE);
            params.add(ScopeSql.roots(scopeRoots));
            where.add("territory_id in (select id from scope)");
        }
        params.addAll(List.of(metric, range.from(), range.to()));
        if (unit != null) {
            where.add("unit = ?");
            params.add(unit);
        } else {
            where.add("unit <> ?"); // CSAT response counts (kept for AVG_CSAT) are no fact of their own
            params.add(DerivedKpi.RESPONSES);
        }
        filters.forEach((d, member) -> {
            if (d != Dimension.TERRITORY) {
                where.add(COLUMN.get(d) + " = ?");
                params.add(member);
            }
        });
        List<String> columns = by.stream().map(COLUMN::get).toList();
        String group = String.join(", ", columns) + (columns.isEmpty() ? "unit" : ", unit");
        String sql = (ctes.isEmpty() ? "" : "with recursive " + String.join(", ", ctes)) + "select " + group
                + ", sum(total) from territory_daily where " + String.join(" and ", where) + " group by " + group
                + " order by " + group;
        return db.list(sql, rs -> {
            Map<Dimension, String> members = new LinkedHashMap<>();
            for (int i = 0; i < by.size(); i++) {
                String m = rs.getString(i + 1);
                members.put(by.get(i), m == null || m.isEmpty() ? null : m);
            }
            return new Total(members, rs.getString(by.size() + 1), rs.getBigDecimal(by.size() + 2));
        }, params.toArray());
    }
}
