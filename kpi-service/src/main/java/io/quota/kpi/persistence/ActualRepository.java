package io.quota.kpi.persistence;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.DerivedKpi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

@ApplicationScoped
public class ActualRepository {
    @Inject
    Db db;

    /**
     * Actuals of a node within the range: its territories, and the members of its other dimensions (none: every
     * member). unit null: in any unit (counts), CSAT response counts left out.
     */
    public BigDecimal sum(Metric metric, String unit, NodeSql.Territories territories, Map<Dimension, String> members,
                          DateRange range) {
        List<Object> params = new ArrayList<>();
        String sql = select("coalesce(sum(d.total), 0)", metric, unit, territories, members, range, params);
        return db.one(sql, rs -> rs.getBigDecimal(1), params.toArray()).orElse(BigDecimal.ZERO);
    }

    /** The same selection per business day (days without actuals left out), in date order. */
    public Map<LocalDate, BigDecimal> daily(Metric metric, String unit, NodeSql.Territories territories,
                                            Map<Dimension, String> members, DateRange range) {
        List<Object> params = new ArrayList<>();
        String sql = select("d.business_date, sum(d.total)", metric, unit, territories, members, range, params)
                + " group by d.business_date";
        Map<LocalDate, BigDecimal> days = new TreeMap<>();
        db.list(sql, rs -> days.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2)), params.toArray());
        return days;
    }

    private static String select(String what, Metric metric, String unit, NodeSql.Territories territories,
                                 Map<Dimension, String> members, DateRange range, List<Object> params) {
        String cte = territories.cte(params);
        params.add(metric);
        params.add(range.from());
        params.add(range.to());
        String sql = cte + "select " + what + " from territory_daily d where d.metric = ? and d.business_date between ? and ?"
                + territories.condition("d.territory_id");
        if (unit != null) {
            sql += " and d.unit = ?";
            params.add(unit);
        } else {
            sql += " and d.unit <> ?"; // CSAT response counts are no amount of CSAT
            params.add(DerivedKpi.RESPONSES);
        }
        return sql + NodeSql.others("d", members, params);
    }
}
