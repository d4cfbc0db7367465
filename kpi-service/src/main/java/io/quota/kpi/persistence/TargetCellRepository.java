package io.quota.kpi.persistence;

import io.quota.contracts.Dimension;
import io.quota.contracts.NodeKey;
import io.quota.kpi.domain.DateRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class TargetCellRepository {
    @Inject
    Db db;

    /** Stores a cell once; true only when this call inserted it (so the arrived counter counts each cell once). */
    public boolean insert(String planId, int version, NodeKey cell, BigDecimal amount, String unit) {
        return db.update("""
                        insert into target_cell (plan_id, version, cell_key, territory_id, industry, customer_type,
                                                 product_line, channel, period_start, period_end, amount, unit)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                planId, version, cell.encode(), cell.member(Dimension.TERRITORY), cell.member(Dimension.INDUSTRY),
                cell.member(Dimension.CUSTOMER_TYPE), cell.member(Dimension.PRODUCT_LINE),
                cell.member(Dimension.CHANNEL), cell.from(), cell.to(), amount, unit) == 1;
    }

    /** Cells of one period summed (min and max amount: the rate of a derived KPI's cells when they agree). */
    public record PeriodTotal(DateRange period, BigDecimal amount, long cells, BigDecimal min, BigDecimal max) {
    }

    /**
     * The cells of a node lying wholly inside the range, summed per cell period, so a roll-up over a million cells
     * reads a handful of rows (one per month or quarter) instead of every cell. Members: the territory's subtree
     * and the other dimensions' members (none: every member); scopeRoots (not null): only cells in the caller's
     * scope (cells without a territory are then out).
     */
    public List<PeriodTotal> periodTotalsInside(String planId, int version, Map<Dimension, String> members,
                                                DateRange range, Collection<String> scopeRoots) {
        List<Object> params = new ArrayList<>();
        String sql = selection("c.period_start, c.period_end, sum(c.amount), count(*), min(c.amount), max(c.amount)",
                planId, version, members, scopeRoots, "c.period_start >= ? and c.period_end <= ?",
                List.of(range.from(), range.to()), params);
        return db.list(sql + " group by c.period_start, c.period_end order by c.period_start, c.period_end",
                rs -> new PeriodTotal(new DateRange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)),
                        rs.getBigDecimal(3), rs.getLong(4), rs.getBigDecimal(5), rs.getBigDecimal(6)), params.toArray());
    }

    /** How many cells of the node only partly overlap the range (left out of a roll-up). */
    public long cellsPartlyInside(String planId, int version, Map<Dimension, String> members, DateRange range,
                                  Collection<String> scopeRoots) {
        List<Object> params = new ArrayList<>();
        String sql = selection("count(*)", planId, version, members, scopeRoots,
                "c.period_start <= ? and c.period_end >= ? and not (c.period_start >= ? and c.period_end <= ?)",
                List.of(range.to(), range.from(), range.from(), range.to()), params);
        return db.one(sql, rs -> rs.getLong(1), params.toArray()).orElse(0L);
    }

    /**
     * The distinct members (of the dimensions asked for, plus the territory a level groups by: region = the REGION
     * above the cell's territory, or itself) and periods of a node's cells inside the range: what groupBy and alert
     * levels group into nodes. A member is null where a cell has none (or no region is above it).
     */
    public List<CellGroup> groups(String planId, int version, Map<Dimension, String> members, DateRange range,
                                  Collection<String> scopeRoots, String territoryWord, List<Dimension> dimensions) {
        List<Object> params = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        columns.add(territoryWord == null ? "null"
                : territoryWord.equals("region") ? "r.id"
                : "c.territory_id");
        dimensions.forEach(d -> columns.add("c." + NodeSql.column(d)));
        String sql = selection("distinct " + String.join(", ", columns) + ", c.period_start, c.period_end", planId,
                version, members, scopeRoots, "c.period_start >= ? and c.period_end <= ?",
                List.of(range.from(), range.to()), params);
        if ("region".equals(territoryWord)) {
            // the REGION ancestor-or-self of every territory, walking the replica's parent links, joined once
            sql = sql.replace(" from target_cell c where ",
                    " from target_cell c left join region_of r on r.leaf = c.territory_id where ");
            sql = sql.startsWith("with recursive ") ? sql.replaceFirst("^with recursive ", "with recursive " + REGION_OF + ", ")
                    : "with recursive " + REGION_OF + " " + sql;
        }
        int n = dimensions.size();
        return db.list(sql, rs -> {
            Map<Dimension, String> found = new java.util.EnumMap<>(Dimension.class);
            if (rs.getString(1) != null) {
                found.put(Dimension.TERRITORY, rs.getString(1));
            }
            for (int i = 0; i < n; i++) {
                if (rs.getString(i + 2) != null) {
                    found.put(dimensions.get(i), rs.getString(i + 2));
                }
            }
            return new CellGroup(found, new DateRange(rs.getObject(n + 2, LocalDate.class),
                    rs.getObject(n + 3, LocalDate.class)));
        }, params.toArray());
    }

    /** Members and a period of some cells. */
    public record CellGroup(Map<Dimension, String> members, DateRange period) {
    }

    private static final String REGION_OF = """
            up(leaf, id, type, parent) as (
                select t.territory_id, t.territory_id, t.type, t.parent_id from territory t
                union all
                select up.leaf, p.territory_id, p.type, p.parent_id from up join territory p on p.territory_id = up.parent
                where up.type <> 'REGION'),
            region_of(leaf, id) as (select leaf, id from up where type = 'REGION')""";

    /** select ... from target_cell c where (version, range, members, scope); CTE parameters first. */
    private static String selection(String what, String planId, int version, Map<Dimension, String> members,
                                    Collection<String> scopeRoots, String rangeCondition, List<Object> rangeParams,
                                    List<Object> params) {
        List<String> ctes = new ArrayList<>();
        String territory = members.get(Dimension.TERRITORY);
        if (territory != null) {
            ctes.add(SUB_CTE);
            params.add(territory);
        }
        if (scopeRoots != null) {
            ctes.add(ScopeSql.CTE);
            params.add(ScopeSql.roots(scopeRoots));
        }
        params.add(planId);
        params.add(version);
        params.addAll(rangeParams);
        String sql = (ctes.isEmpty() ? "" : "with recursive " + String.join(", ", ctes)) + "select " + what
                + " from target_cell c where c.plan_id = ? and c.version = ? and " + rangeCondition
                + (territory == null ? "" : " and c.territory_id in (select id from sub)")
                + NodeSql.others("c", members, params);
        return sql + inScope(scopeRoots);
    }

    /** Whether some cell of the version lies in the scope: a scoped roll-up of the whole plan is shown only then. */
    public boolean anyInScope(String planId, int version, Collection<String> scopeRoots) {
        return db.one("with recursive " + ScopeSql.CTE + """
                        select exists (select 1 from target_cell c where c.plan_id = ? and c.version = ?
                                         and c.territory_id in (select id from scope))""",
                rs -> rs.getBoolean(1), ScopeSql.roots(scopeRoots), planId, version).orElse(false);
    }

    /** Whether a cell of the version has the territory as its member. */
    public boolean namesTerritory(String planId, int version, String territoryId) {
        return db.one("select exists (select 1 from target_cell where plan_id = ? and version = ? and territory_id = ?)",
                rs -> rs.getBoolean(1), planId, version, territoryId).orElse(false);
    }

    /** Whether some cell of the version names no territory (the plan covers every territory). */
    public boolean hasCellWithoutTerritory(String planId, int version) {
        return db.one("select exists (select 1 from target_cell where plan_id = ? and version = ? and territory_id is null)",
                rs -> rs.getBoolean(1), planId, version).orElse(false);
    }

    /** The territories under (and including) the given one; a territory not in the replica is its own subtree. */
    static final String SUB_CTE = """
            sub(id) as (
                select cast(? as text)
                union
                select t.territory_id from territory t join sub on t.parent_id = sub.id)
            """;

    private static String inScope(Collection<String> scopeRoots) {
        return scopeRoots == null ? "" : " and c.territory_id in (select id from scope)";
    }
}
