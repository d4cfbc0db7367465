package io.quota.target.persistence;

import io.quota.contracts.Dimension;
import io.quota.contracts.NodeKey;
import io.quota.target.domain.Cell;
import io.quota.target.domain.CellChange;
import io.quota.target.domain.Subtotal;
import io.quota.target.domain.Decomposition;
import io.quota.target.domain.Period;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** The cells of plan versions: table cells, one column per dimension. */
@ApplicationScoped
public class CellStore {
    /** Bytes buffered before handing them to COPY. */
    private static final int COPY_BUFFER = 1 << 20;
    private static final Dimension[] DIMENSIONS = Dimension.values();

    @Inject
    Sql sql;

    /** The column of a dimension's member. */
    static String column(Dimension d) {
        return switch (d) {
            case TERRITORY -> "territory";
            case INDUSTRY -> "industry";
            case CUSTOMER_TYPE -> "customer_type";
            case PRODUCT_LINE -> "product_line";
            case CHANNEL -> "channel";
            case TIME -> throw new IllegalArgumentException("TIME is the period columns");
        };
    }

    /**
     * Streams a decomposition's cells into the version's own partition (V20): PostgreSQL COPY on the transaction's
     * connection into a fresh table (FREEZE: created in this transaction), one round trip per megabyte, nothing
     * held per cell; then the table is attached, which builds its indexes in one sort. A rule the decomposition
     * finds broken under some parent throws; the transaction then rolls back, so nothing is half written.
     *
     * @return how many cells were written
     */
    public long write(String planId, int version, Decomposition decomposition) {
        String table = newPartition();
        long written = sql.withConnection(c -> {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + COLUMNS
                    + ") from stdin with (freeze)");
            StringBuilder buf = new StringBuilder(COPY_BUFFER + 4096);
            String prefix = planId + '\t' + version + '\t';
            long[] count = {0};
            // a million cells share a few hundred periods: each is written out once ("from..to", "from\tto")
            Map<Period, String[]> periods = new HashMap<>();
            try {
                decomposition.forEach((members, period, amount) -> {
                    String[] p = periods.computeIfAbsent(period, x -> new String[]{x.toString(), x.start() + "\t" + x.end()});
                    buf.append(prefix).append(Decomposition.cellKey(planId, members, p[0]));
                    for (Dimension d : DIMENSIONS) {
                        if (d != Dimension.TIME) {
                            String m = members[d.ordinal()];
                            buf.append('\t').append(m == null ? "\\N" : m); // ids need no escaping (NodeKey.ID)
                        }
                    }
                    buf.append('\t').append(p[1]).append('\t').append(amount.toPlainString()).append('\n');
                    count[0]++;
                    if (buf.length() >= COPY_BUFFER) {
                        flush(copy, buf);
                    }
                });
                flush(copy, buf);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            return count[0];
        });
        attach(table, planId, version);
        return written;
    }

    /** The columns COPY writes, in the order {@link #write} formats them. */
    private static final String COLUMNS = "plan_id, version, cell_key, territory, industry, customer_type, product_line,"
            + " channel, period_start, period_end, amount";

    /** A new empty table shaped like cells (V20's cells_new_partition); its name is ours, so safe to inline. */
    private String newPartition() {
        return sql.query("select cells_new_partition()", rs -> rs.getString(1)).get(0);
    }

    /** Makes a filled table the partition of (plan, version); PostgreSQL builds its indexes. */
    private void attach(String table, String planId, int version) {
        sql.query("select cells_attach(?, ?, ?)", rs -> rs.getString(1), table, planId, version);
    }

    private static void flush(CopyIn copy, StringBuilder buf) {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of cells failed: " + e.getMessage(), e);
        }
        buf.setLength(0);
    }

    /** A new version starts as a copy of another's cells (one statement, in the database, into its partition). */
    public long copy(String planId, int from, int to) {
        String table = newPartition();
        long copied = sql.update("insert into " + table + " (" + COLUMNS + ") select plan_id, ?, cell_key, territory,"
                + " industry, customer_type, product_line, channel, period_start, period_end, amount"
                + " from cells where plan_id = ? and version = ?", to, planId, from);
        attach(table, planId, to);
        return copied;
    }

    /** Adds each delta to its cell of a version, in one statement. */
    public void add(String planId, int version, Map<String, BigDecimal> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        sql.update("""
                        update cells c set amount = c.amount + d.delta::numeric
                        from unnest(?::text[], ?::text[]) as d(k, delta)
                        where c.plan_id = ? and c.version = ? and c.cell_key = d.k""",
                deltas.keySet().toArray(String[]::new),
                deltas.values().stream().map(BigDecimal::toPlainString).toArray(String[]::new), planId, version);
    }

    /** The node (members of every dimension but time) of a row, as "territory=EAST~productLine=A". */
    static final String NODE = """
            concat_ws('~', 'territory=' || territory, 'industry=' || industry, 'customerType=' || customer_type,
                      'productLine=' || product_line, 'channel=' || channel)""";

    /** Sums per node of the cells that end on or before {@code through}. */
    public Map<String, BigDecimal> pastByNode(String planId, int version, java.time.LocalDate through) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        sql.query("select " + NODE + ", sum(amount) from cells where plan_id = ? and version = ? and period_end <= ?"
                        + " group by 1 order by 1",
                rs -> sums.put(rs.getString(1), rs.getBigDecimal(2)), planId, version, through);
        return sums;
    }

    /** The cells that start after {@code through}, per node, in period order. */
    public Map<String, List<io.quota.target.domain.CarryForward.Remaining>> remainingByNode(String planId, int version,
                                                                                          java.time.LocalDate through) {
        Map<String, List<io.quota.target.domain.CarryForward.Remaining>> out = new LinkedHashMap<>();
        sql.stream("select " + NODE + ", cell_key, period_start, amount from cells where plan_id = ? and version = ?"
                        + " and period_start > ? order by 1, period_start", 10_000,
                rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(
                        new io.quota.target.domain.CarryForward.Remaining(rs.getString(2), rs.getString(3),
                                rs.getBigDecimal(4))), planId, version, through);
        return out;
    }

    /** The amounts of the given cells of a version (absent: no such cell). */
    public Map<String, BigDecimal> amounts(String planId, int version, List<String> cellKeys) {
        Map<String, BigDecimal> found = new LinkedHashMap<>();
        sql.query("select cell_key, amount from cells where plan_id = ? and version = ? and cell_key = any(?)",
                rs -> found.put(rs.getString(1), rs.getBigDecimal(2)), planId, version, cellKeys.toArray(String[]::new));
        return found;
    }

    /** The sum of a version's cells that the filters admit. */
    public BigDecimal total(String planId, int version, CellFilter cells, TerritoryFilter scope) {
        List<Object> params = new ArrayList<>(List.of(planId, version));
        String where = cells.condition(params) + " and " + TerritoryFilter.CONDITION;
        params.add(scope.parameter());
        params.add(scope.parameter());
        BigDecimal sum = sql.query("select sum(amount) from cells where plan_id = ? and version = ? and " + where,
                rs -> rs.getBigDecimal(1), params.toArray()).get(0);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    /** One page of a version's cells in cell-key order, only those the filters admit. */
    public List<Cell> page(String planId, int version, CellFilter cells, TerritoryFilter scope, int page, int size) {
        List<Object> params = new ArrayList<>(List.of(planId, version));
        String where = cells.condition(params) + " and " + TerritoryFilter.CONDITION;
        params.add(scope.parameter());
        params.add(scope.parameter());
        params.add(size);
        params.add((long) page * size);
        return sql.query("select cell_key, amount from cells where plan_id = ? and version = ? and " + where
                        + " order by cell_key limit ? offset ?",
                rs -> new Cell(NodeKey.parse(rs.getString(1)), rs.getBigDecimal(2)), params.toArray());
    }

    public long count(String planId, int version, CellFilter cells, TerritoryFilter scope) {
        List<Object> params = new ArrayList<>(List.of(planId, version));
        String where = cells.condition(params) + " and " + TerritoryFilter.CONDITION;
        params.add(scope.parameter());
        params.add(scope.parameter());
        return sql.count("select count(*) from cells where plan_id = ? and version = ? and " + where, params.toArray());
    }

    public long count(String planId, int version, String territory, TerritoryFilter scope) {
        return count(planId, version, CellFilter.territory(territory), scope);
    }

    /** The distinct territories of a plan's cells, of every version. */
    public List<String> territories(String planId) {
        return sql.query("select distinct territory from cells where plan_id = ? and territory is not null",
                rs -> rs.getString(1), planId);
    }

    /** Every cell of a version in cell-key order, streamed with a cursor: constant memory. */
    public void forEach(String planId, int version, BiConsumer<String, BigDecimal> each) {
        sql.stream("select cell_key, amount from cells where plan_id = ? and version = ? order by cell_key", 10_000,
                rs -> each.accept(rs.getString(1), rs.getBigDecimal(2)), planId, version);
    }

    /**
     * Every cell of a version as published: its key and its amount at {@code minorUnit} decimals as a plain decimal
     * string. Streamed with a server-side cursor in storage order (the version's partition read straight through,
     * no sort): constant memory, and as fast as the table can be read.
     */
    public void forEachToPublish(String planId, int version, int minorUnit, BiConsumer<String, String> each) {
        sql.stream("select cell_key, round(amount, ?)::text from cells where plan_id = ? and version = ?", PUBLISH_FETCH,
                rs -> each.accept(rs.getString(1), rs.getString(2)), minorUnit, planId, version);
    }

    /** Rows per round trip when publishing: large, as the relay sends them on at once. */
    private static final int PUBLISH_FETCH = 50_000;

    /** Every cell of a version in cell-key order (small versions and tests). */
    public List<Cell> all(String planId, int version) {
        List<Cell> cells = new ArrayList<>();
        forEach(planId, version, (key, amount) -> cells.add(new Cell(NodeKey.parse(key), amount)));
        return cells;
    }

    /**
     * Sums of a version's cells per group (territory, region, industry, customerType, productLine, channel, year,
     * quarter, month, week, day; years and quarters fiscal, labelled by their first day), in group order, one page
     * of them, over the cells the filters admit.
     */
    public List<Subtotal> rollup(String planId, int version, List<String> by, int fiscalStartMonth, CellFilter cells,
                              TerritoryFilter scope, int page, int size) {
        List<String> exprs = by.stream().map(g -> group(g, fiscalStartMonth)).toList();
        List<Object> params = new ArrayList<>(List.of(planId, version));
        String where = cells.condition(params) + " and " + TerritoryFilter.CONDITION;
        params.add(scope.parameter());
        params.add(scope.parameter());
        params.add(size);
        params.add((long) page * size);
        String select = String.join(", ", exprs);
        String groups = java.util.stream.IntStream.rangeClosed(1, exprs.size()).mapToObj(Integer::toString)
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        return sql.query("select " + select + ", sum(amount) from cells c where plan_id = ? and version = ? and " + where
                        + " group by " + groups + " order by " + groups + " limit ? offset ?",
                rs -> {
                    Map<String, String> members = new LinkedHashMap<>();
                    for (int i = 0; i < by.size(); i++) {
                        members.put(by.get(i), rs.getString(i + 1));
                    }
                    return new Subtotal(members, rs.getBigDecimal(by.size() + 1));
                }, params.toArray());
    }

    /** How many groups a roll-up has. */
    public long groups(String planId, int version, List<String> by, int fiscalStartMonth, CellFilter cells,
                       TerritoryFilter scope) {
        List<String> exprs = by.stream().map(g -> group(g, fiscalStartMonth)).toList();
        List<Object> params = new ArrayList<>(List.of(planId, version));
        String where = cells.condition(params) + " and " + TerritoryFilter.CONDITION;
        params.add(scope.parameter());
        params.add(scope.parameter());
        return sql.count("select count(*) from (select distinct " + String.join(", ", exprs)
                + " from cells c where plan_id = ? and version = ? and " + where + ") g", params.toArray());
    }

    /** The SQL of a roll-up group; the fiscal start month is an int, so inlining it is safe. */
    static String group(String name, int fiscalStartMonth) {
        int fy = fiscalStartMonth;
        return switch (name) {
            case "territory" -> "territory";
            case "region" -> "(select t.parent_id from territories t where t.territory_id = c.territory)";
            case "industry" -> "industry";
            case "customerType" -> "customer_type";
            case "productLine" -> "product_line";
            case "channel" -> "channel";
            case "year" -> "(date_trunc('month', period_start) - make_interval(months => ((extract(month from period_start)::int - "
                    + fy + " + 12) % 12)))::date::text";
            case "quarter" -> "(date_trunc('month', period_start) - make_interval(months => ((extract(month from period_start)::int - "
                    + fy + " + 12) % 3)))::date::text";
            case "month" -> "to_char(period_start, 'YYYY-MM')";
            case "week" -> "to_char(period_start, 'IYYY-\"W\"IW')";
            case "day" -> "period_start::text";
            default -> throw new IllegalArgumentException("unknown group " + name);
        };
    }

    /** Cells whose amount differs between two versions (or that only one has), in cell-key order, one page. */
    public List<CellChange> diff(String planId, int from, int to, TerritoryFilter scope, int page, int size) {
        return sql.query("""
                        select coalesce(a.cell_key, b.cell_key) k, a.amount, b.amount
                        from (select cell_key, amount, territory from cells where plan_id = ? and version = ?) a
                        full outer join (select cell_key, amount, territory from cells where plan_id = ? and version = ?) b
                          on a.cell_key = b.cell_key
                        where a.amount is distinct from b.amount
                          and (?::text[] is null or coalesce(a.territory, b.territory) = any(?::text[]))
                        order by k limit ? offset ?""",
                rs -> new CellChange(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)),
                planId, from, planId, to, scope.parameter(), scope.parameter(), size, (long) page * size);
    }

    public long diffCount(String planId, int from, int to, TerritoryFilter scope) {
        return sql.count("""
                        select count(*)
                        from (select cell_key, amount, territory from cells where plan_id = ? and version = ?) a
                        full outer join (select cell_key, amount, territory from cells where plan_id = ? and version = ?) b
                          on a.cell_key = b.cell_key
                        where a.amount is distinct from b.amount
                          and (?::text[] is null or coalesce(a.territory, b.territory) = any(?::text[]))""",
                planId, from, planId, to, scope.parameter(), scope.parameter());
    }
}
