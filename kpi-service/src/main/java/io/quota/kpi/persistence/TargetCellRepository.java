package io.quota.kpi.persistence;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;
import io.quota.kpi.domain.DateRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class TargetCellRepository {
    private static final String COLUMNS = "c.plan_id, c.version, c.cell_key, c.territory_id, c.period_start, c.period_end, c.amount";

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

    /**
     * Cells of active versions counting the metric whose period holds the date and whose territory is the given
     * one or one of its ancestors (their roll-up includes it), or that have no territory member at all.
     */
    public List<CellRow> activeCellsTouchedBy(Metric metric, String territoryId, Collection<LocalDate> businessDates) {
        return db.list("""
                with recursive up(id) as (
                    select cast(? as text)
                    union
                    select t.parent_id from territory t join up on t.territory_id = up.id where t.parent_id is not null)
                select %s from target_cell c
                join plan_version p on p.plan_id = c.plan_id and p.version = c.version and p.status = 'ACTIVE'
                where p.metric = ?
                  and exists (select 1 from unnest(cast(? as date[])) d where d between c.period_start and c.period_end)
                  and (c.territory_id in (select id from up) or c.territory_id is null)
                order by c.cell_key""".formatted(COLUMNS), TargetCellRepository::row, territoryId, metric,
                Db.column(businessDates));
    }

    /**
     * Cells of one version lying wholly inside the range, within a territory's subtree (null: every territory) and
     * within the caller's scope (scopeRoots null: no restriction; otherwise cells without a territory are out).
     */
    public List<CellRow> cellsInside(String planId, int version, String territoryId, DateRange range,
                                     Collection<String> scopeRoots) {
        List<Object> params = withScope(territoryId, scopeRoots);
        params.addAll(List.of(planId, version, range.from(), range.to()));
        params.add(territoryId);
        return db.list(ctes(scopeRoots) + """
                select %s from target_cell c
                where c.plan_id = ? and c.version = ? and c.period_start >= ? and c.period_end <= ?
                  and (cast(? as text) is null or c.territory_id in (select id from sub))""".formatted(COLUMNS)
                + inScope(scopeRoots) + " order by c.cell_key", TargetCellRepository::row, params.toArray());
    }

    /** Cells of one period summed: a roll-up needs only these (expected is linear in the amount). */
    public record PeriodTotal(DateRange period, BigDecimal amount, long cells) {
    }

    /**
     * The selection of {@link #cellsInside} summed per cell period, so a roll-up over a million cells reads a
     * handful of rows (one per month or quarter) instead of every cell.
     */
    public List<PeriodTotal> periodTotalsInside(String planId, int version, String territoryId, DateRange range,
                                                Collection<String> scopeRoots) {
        List<Object> params = withScope(territoryId, scopeRoots);
        params.addAll(List.of(planId, version, range.from(), range.to()));
        params.add(territoryId);
        return db.list(ctes(scopeRoots) + """
                select c.period_start, c.period_end, sum(c.amount), count(*) from target_cell c
                where c.plan_id = ? and c.version = ? and c.period_start >= ? and c.period_end <= ?
                  and (cast(? as text) is null or c.territory_id in (select id from sub))"""
                + inScope(scopeRoots) + " group by c.period_start, c.period_end order by c.period_start, c.period_end",
                rs -> new PeriodTotal(new DateRange(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class)),
                        rs.getBigDecimal(3), rs.getLong(4)), params.toArray());
    }

    /** How many cells of the selection only partly overlap the range (left out of a roll-up, for now). */
    public long cellsPartlyInside(String planId, int version, String territoryId, DateRange range,
                                  Collection<String> scopeRoots) {
        List<Object> params = withScope(territoryId, scopeRoots);
        params.addAll(List.of(planId, version, range.to(), range.from(), range.from(), range.to()));
        params.add(territoryId);
        return db.one(ctes(scopeRoots) + """
                select count(*) from target_cell c
                where c.plan_id = ? and c.version = ? and c.period_start <= ? and c.period_end >= ?
                  and not (c.period_start >= ? and c.period_end <= ?)
                  and (cast(? as text) is null or c.territory_id in (select id from sub))"""
                + inScope(scopeRoots), rs -> rs.getLong(1), params.toArray()).orElse(0L);
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
    static final String SUBTREE = "with recursive " + SUB_CTE;

    /** sub(id), and scope(id) when the caller is restricted; parameters in that order (see withScope). */
    private static String ctes(Collection<String> scopeRoots) {
        return scopeRoots == null ? SUBTREE : "with recursive " + SUB_CTE + ", " + ScopeSql.CTE;
    }

    private static List<Object> withScope(String territoryId, Collection<String> scopeRoots) {
        List<Object> params = new ArrayList<>();
        params.add(territoryId);
        if (scopeRoots != null) {
            params.add(ScopeSql.roots(scopeRoots));
        }
        return params;
    }

    private static String inScope(Collection<String> scopeRoots) {
        return scopeRoots == null ? "" : " and c.territory_id in (select id from scope)";
    }

    static CellRow row(ResultSet rs) throws SQLException {
        return new CellRow(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                new DateRange(rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class)), rs.getBigDecimal(7));
    }
}
