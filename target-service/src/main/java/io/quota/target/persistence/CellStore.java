package io.quota.target.persistence;

import io.quota.contracts.NodeKey;
import io.quota.target.domain.Cell;
import io.quota.target.domain.Subtotal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** The cells of plan versions: table cells. */
@ApplicationScoped
public class CellStore {
    /** Rows per INSERT: one statement carries a chunk as arrays (unnest), not one round trip per cell. */
    static final int CHUNK = 5_000;

    @Inject
    Sql sql;

    public void insert(String planId, int version, List<Cell> cells) {
        sql.flush(); // the version row (foreign key) first
        for (int from = 0; from < cells.size(); from += CHUNK) {
            List<Cell> chunk = cells.subList(from, Math.min(cells.size(), from + CHUNK));
            int n = chunk.size();
            String[] keys = new String[n];
            String[] territories = new String[n];
            String[] starts = new String[n];
            String[] ends = new String[n];
            String[] amounts = new String[n];
            for (int i = 0; i < n; i++) {
                Cell c = chunk.get(i);
                keys[i] = c.cellKey();
                territories[i] = c.territory();
                starts[i] = c.key().from().toString();
                ends[i] = c.key().to().toString();
                amounts[i] = c.amount().toPlainString();
            }
            sql.update("""
                            insert into cells (plan_id, version, cell_key, territory, period_start, period_end, amount)
                            select ?, ?, k, t, s::date, e::date, a::numeric
                            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as u(k, t, s, e, a)""",
                    planId, version, keys, territories, starts, ends, amounts);
        }
    }

    /** One page of a version's cells in cell-key order, optionally of one territory, only those the filter admits. */
    public List<Cell> page(String planId, int version, String territory, TerritoryFilter filter, int page, int size) {
        return sql.query("""
                        select cell_key, amount from cells
                        where plan_id = ? and version = ? and (?::text is null or territory = ?::text) and %s
                        order by cell_key limit ? offset ?""".formatted(TerritoryFilter.CONDITION),
                rs -> new Cell(NodeKey.parse(rs.getString(1)), rs.getBigDecimal(2)),
                planId, version, territory, territory, filter.parameter(), filter.parameter(), size, (long) page * size);
    }

    public long count(String planId, int version, String territory, TerritoryFilter filter) {
        return sql.count("""
                        select count(*) from cells
                        where plan_id = ? and version = ? and (?::text is null or territory = ?::text) and %s"""
                        .formatted(TerritoryFilter.CONDITION),
                planId, version, territory, territory, filter.parameter(), filter.parameter());
    }

    /** The distinct territories of a plan's cells, of every version. */
    public List<String> territories(String planId) {
        return sql.query("select distinct territory from cells where plan_id = ? and territory is not null",
                rs -> rs.getString(1), planId);
    }

    /** Every cell of a version in cell-key order (to publish it). */
    public List<Cell> all(String planId, int version) {
        return sql.query("select cell_key, amount from cells where plan_id = ? and version = ? order by cell_key",
                rs -> new Cell(NodeKey.parse(rs.getString(1)), rs.getBigDecimal(2)), planId, version);
    }

    /**
     * Sums of a version's cells per territory and/or per month (of the cell's period), in member order, over the
     * cells the filter admits only.
     */
    public List<Subtotal> rollup(String planId, int version, boolean byTerritory, boolean byMonth,
                                 TerritoryFilter filter) {
        List<String> groups = new ArrayList<>();
        if (byTerritory) {
            groups.add("territory");
        }
        if (byMonth) {
            groups.add("to_char(period_start, 'YYYY-MM')");
        }
        String territory = byTerritory ? "territory" : "null::text";
        String month = byMonth ? "to_char(period_start, 'YYYY-MM')" : "null::text";
        String groupBy = groups.isEmpty() ? "" : " group by " + String.join(", ", groups)
                + " order by " + String.join(", ", groups);
        return sql.query("select " + territory + ", " + month + ", sum(amount) from cells where plan_id = ? and version = ?"
                        + " and " + TerritoryFilter.CONDITION + groupBy,
                rs -> new Subtotal(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)), planId, version,
                filter.parameter(), filter.parameter());
    }
}
