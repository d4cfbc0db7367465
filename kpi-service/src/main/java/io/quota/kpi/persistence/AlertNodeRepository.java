package io.quota.kpi.persistence;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.kpi.domain.DateRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The nodes of active versions at their alert levels (cells and roll-ups), which drift and AttainmentChanged watch. */
@ApplicationScoped
public class AlertNodeRepository {
    private static final String COLUMNS = """
            n.node_key, n.plan_id, n.version, n.level, n.territory_id, n.industry, n.customer_type, n.product_line,
            n.channel, n.period_start, n.period_end, n.amount""";

    @Inject
    Db db;

    /** A node at an alert level; amount: a cell's own amount (null for a roll-up). */
    public record AlertNode(String nodeKey, String planId, int version, String level, Map<Dimension, String> members,
                            DateRange period, BigDecimal amount) {
    }

    /** Whether the version's nodes were grouped already. */
    public boolean exists(String planId, int version) {
        return db.one("select exists (select 1 from alert_node where plan_id = ? and version = ?)",
                rs -> rs.getBoolean(1), planId, version).orElse(false);
    }

    /** Every cell of the version as a node of the level {@code cell}, in one statement. */
    public int insertCells(String planId, int version) {
        return db.update("""
                insert into alert_node (node_key, plan_id, version, level, territory_id, industry, customer_type,
                                        product_line, channel, period_start, period_end, amount)
                select cell_key, plan_id, version, 'cell', territory_id, industry, customer_type, product_line, channel,
                       period_start, period_end, amount
                from target_cell where plan_id = ? and version = ?
                on conflict (node_key) do nothing""", planId, version);
    }

    /** Roll-up nodes of one level; a node another level (or a cell) has already is kept once. */
    public void insertRollups(String planId, int version, String level, List<String> nodeKeys,
                              List<Map<Dimension, String>> members, List<DateRange> periods) {
        if (nodeKeys.isEmpty()) {
            return;
        }
        List<String> starts = periods.stream().map(p -> p.from().toString()).toList();
        List<String> ends = periods.stream().map(p -> p.to().toString()).toList();
        db.update("""
                        insert into alert_node (node_key, plan_id, version, level, territory_id, industry, customer_type,
                                                product_line, channel, period_start, period_end)
                        select k, ?, ?, ?, t, i, ct, pl, ch, cast(s as date), cast(e as date)
                        from unnest(cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]),
                                    cast(? as text[]), cast(? as text[]), cast(? as text[]), cast(? as text[]))
                             as x(k, t, i, ct, pl, ch, s, e)
                        on conflict (node_key) do nothing""", planId, version, level, Db.column(nodeKeys),
                member(members, Dimension.TERRITORY), member(members, Dimension.INDUSTRY),
                member(members, Dimension.CUSTOMER_TYPE), member(members, Dimension.PRODUCT_LINE),
                member(members, Dimension.CHANNEL), Db.column(starts), Db.column(ends));
    }

    /**
     * Nodes of active versions counting the metric whose period holds one of the dates and whose territory is the
     * given one or one of its ancestors (their roll-up includes it), or that have no territory member at all.
     */
    public List<AlertNode> touchedBy(Metric metric, String territoryId, Collection<LocalDate> businessDates) {
        // two branches rather than "in (...) or is null", so each can use its index (alert_node_territory, and
        // alert_node_no_territory) instead of a scan of every node
        String node = """
                select %s from alert_node n
                join plan_version p on p.plan_id = n.plan_id and p.version = n.version and p.status = 'ACTIVE'
                where p.metric = ?
                  and exists (select 1 from unnest(cast(? as date[])) d where d between n.period_start and n.period_end)
                """.formatted(COLUMNS);
        String[] dates = Db.column(businessDates);
        return db.list("""
                with recursive up(id) as (
                    select cast(? as text)
                    union
                    select t.parent_id from territory t join up on t.territory_id = up.id where t.parent_id is not null)
                """ + node + " and n.territory_id in (select id from up)\nunion all\n" + node
                        + " and n.territory_id is null\norder by 1", AlertNodeRepository::row, territoryId, metric, dates,
                metric, dates);
    }

    public java.util.Optional<AlertNode> find(String nodeKey) {
        return db.one("select " + COLUMNS + " from alert_node n where n.node_key = ?", AlertNodeRepository::row, nodeKey);
    }

    private static String[] member(List<Map<Dimension, String>> members, Dimension d) {
        List<String> column = new ArrayList<>(members.size());
        members.forEach(m -> column.add(m.get(d)));
        return Db.column(column);
    }

    static AlertNode row(ResultSet rs) throws SQLException {
        return row(rs, 1);
    }

    /** A node read from the columns of {@link #COLUMNS}, the first at index {@code at}. */
    static AlertNode row(ResultSet rs, int at) throws SQLException {
        int o = at - 1;
        Map<Dimension, String> members = new EnumMap<>(Dimension.class);
        Dimension[] order = {Dimension.TERRITORY, Dimension.INDUSTRY, Dimension.CUSTOMER_TYPE, Dimension.PRODUCT_LINE,
                Dimension.CHANNEL};
        for (int i = 0; i < order.length; i++) {
            String member = rs.getString(o + 5 + i);
            if (member != null) {
                members.put(order[i], member);
            }
        }
        return new AlertNode(rs.getString(o + 1), rs.getString(o + 2), rs.getInt(o + 3), rs.getString(o + 4), members,
                new DateRange(rs.getObject(o + 10, LocalDate.class), rs.getObject(o + 11, LocalDate.class)),
                rs.getBigDecimal(o + 12));
    }
}
