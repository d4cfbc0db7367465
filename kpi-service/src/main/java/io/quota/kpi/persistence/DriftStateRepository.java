package io.quota.kpi.persistence;

import io.quota.contracts.DriftState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

@ApplicationScoped
public class DriftStateRepository {
    private static final String COLUMNS = "d.node_key, d.plan_id, d.version, d.state, d.pace, d.as_of, d.seq, d.since";

    @Inject
    Db db;

    /**
     * The node's state; a node seen for the first time starts ON_TRACK (concurrent first sights insert it once).
     * One statement: the live path runs it per evaluated node.
     */
    public DriftState ensure(String nodeKey, String planId, int version) {
        return db.one("""
                        with inserted as (
                            insert into drift_state (node_key, plan_id, version, state) values (?, ?, ?, 'ON_TRACK')
                            on conflict (node_key) do nothing returning state)
                        select state from inserted union all select state from drift_state where node_key = ?""",
                rs -> DriftState.valueOf(rs.getString(1)), nodeKey, planId, version, nodeKey).orElseThrow();
    }

    /** Rows for every alert node of the active versions that has none yet (before a sweep claims them). */
    public int ensureForActiveNodes() {
        return db.update("""
                insert into drift_state (node_key, plan_id, version, state)
                select n.node_key, n.plan_id, n.version, 'ON_TRACK' from alert_node n
                join plan_version p on p.plan_id = n.plan_id and p.version = n.version and p.status = 'ACTIVE'
                where not exists (select 1 from drift_state d where d.node_key = n.node_key)
                on conflict (node_key) do nothing""");
    }

    public Optional<DriftRow> find(String nodeKey) {
        return db.one("select " + COLUMNS + " from drift_state d where d.node_key = ?", DriftStateRepository::row,
                nodeKey);
    }

    /**
     * The transition as a compare-and-set: it happens only if the node is still in {@code from}. Returns the new
     * seq when this call moved the node, empty when another evaluation got there first.
     */
    public OptionalLong compareAndSet(String nodeKey, DriftState from, DriftState to, int version, BigDecimal pace,
                                      LocalDate asOf, String figures) {
        Optional<Long> seq = db.one("""
                        update drift_state set state = ?, seq = seq + 1, since = now(), version = ?, pace = ?, as_of = ?,
                                               figures = ?
                        where node_key = ? and state = ? returning seq""",
                rs -> rs.getLong(1), to, version, stored(pace), asOf, figures, nodeKey, from);
        return seq.map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /**
     * Records the latest figures of a node that stays in its state, with the figures as shown
     * ({@link io.quota.kpi.domain.Pace#shown}); true when those differ from the ones recorded before (or none were).
     */
    public boolean touch(String nodeKey, DriftState state, int version, BigDecimal pace, LocalDate asOf,
                         String figures) {
        // the joined row is the one before this update: its figures say whether the shown ones moved
        return db.one("""
                        update drift_state d set version = ?, pace = ?, as_of = ?, figures = ?
                        from drift_state before where before.node_key = d.node_key and d.node_key = ? and d.state = ?
                        returning before.figures is distinct from ?""",
                rs -> rs.getBoolean(1), version, stored(pace), asOf, figures, nodeKey, state, figures).orElse(false);
    }

    /** Claims (and removes) up to limit marks of changed territory days; marks other evaluators hold are skipped. */
    public List<io.quota.kpi.domain.BatchTotals.Touched> claimTouched(int limit) {
        return db.list("""
                delete from touched_day where ctid in (
                    select ctid from touched_day order by metric, territory_id, business_date
                    limit ? for update skip locked)
                returning metric, territory_id, business_date, traceparent""",
                rs -> new io.quota.kpi.domain.BatchTotals.Touched(io.quota.contracts.Metric.valueOf(rs.getString(1)),
                        rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4)), limit);
    }

    public long nextSweepGeneration() {
        return db.one("select nextval('drift_sweep_gen')", rs -> rs.getLong(1)).orElseThrow();
    }

    /**
     * Claims up to {@code limit} alert nodes of active versions that this sweep has not evaluated yet. Rows another
     * instance (or the evaluator) holds are skipped, so instances share a sweep without waiting on each other.
     */
    public List<ClaimedNode> claim(long generation, int limit) {
        return db.list("""
                select d.state, n.node_key, n.plan_id, n.version, n.level, n.territory_id, n.industry, n.customer_type,
                       n.product_line, n.channel, n.period_start, n.period_end, n.amount
                from drift_state d
                join alert_node n on n.node_key = d.node_key
                join plan_version p on p.plan_id = n.plan_id and p.version = n.version and p.status = 'ACTIVE'
                where d.swept_gen < ?
                order by d.node_key
                limit ?
                for update of d skip locked""", rs -> new ClaimedNode(DriftState.valueOf(rs.getString(1)),
                AlertNodeRepository.row(rs, 2)), generation, limit);
    }

    /**
     * AttainmentChanged coalescing: takes the node's publishing turn when its last AttainmentChanged is at least a
     * second old (returns the new sequence number), else marks the node due (empty). Row-locked, so instances
     * agree.
     */
    public OptionalLong takeAttainmentTurn(String nodeKey) {
        Optional<Long> seq = db.one("""
                        update drift_state set attainment_seq = attainment_seq + 1, attainment_at = now(),
                                               attainment_due = false
                        where node_key = ? and (attainment_at is null or attainment_at <= now() - interval '1 second')
                        returning attainment_seq""", rs -> rs.getLong(1), nodeKey);
        if (seq.isPresent()) {
            return OptionalLong.of(seq.get());
        }
        db.update("update drift_state set attainment_due = true where node_key = ?", nodeKey);
        return OptionalLong.empty();
    }

    /** Due nodes whose second has passed, locked for this publisher (SKIP LOCKED shares them among instances). */
    public List<String> claimDueAttainment(int limit) {
        return db.list("""
                select node_key from drift_state
                where attainment_due and attainment_at <= now() - interval '1 second'
                order by attainment_at limit ? for update skip locked""", rs -> rs.getString(1), limit);
    }

    public void markSwept(List<String> nodeKeys, long generation) {
        if (!nodeKeys.isEmpty()) {
            db.update("update drift_state set swept_gen = ? where node_key = any (?)", generation,
                    nodeKeys.toArray(new String[0]));
        }
    }

    /**
     * A page of stored nodes, by node key; with scopeRoots (not null) only the nodes whose territory member lies in
     * the caller's scope (a node is a cell, so its territory is that of its target cell).
     */
    public List<DriftRow> page(String planId, DriftState state, Collection<String> scopeRoots, int page, int size) {
        List<Object> params = new ArrayList<>();
        String query = filtered("select " + COLUMNS, planId, state, scopeRoots, params);
        params.add(size);
        params.add((long) page * size);
        return db.list(query + " order by d.node_key limit ? offset ?", DriftStateRepository::row, params.toArray());
    }

    public long count(String planId, DriftState state, Collection<String> scopeRoots) {
        List<Object> params = new ArrayList<>();
        String query = filtered("select count(*)", planId, state, scopeRoots, params);
        return db.one(query, rs -> rs.getLong(1), params.toArray()).orElse(0L);
    }

    private static String filtered(String select, String planId, DriftState state, Collection<String> scopeRoots,
                                   List<Object> params) {
        List<String> conditions = new ArrayList<>();
        String with = "";
        if (scopeRoots != null) {
            with = "with recursive " + ScopeSql.CTE;
            params.add(ScopeSql.roots(scopeRoots));
            conditions.add("""
                    exists (select 1 from alert_node n where n.node_key = d.node_key
                              and n.territory_id in (select id from scope))""");
        }
        if (planId != null) {
            conditions.add("d.plan_id = ?");
            params.add(planId);
        }
        if (state != null) {
            conditions.add("d.state = ?");
            params.add(state);
        }
        return with + select + " from drift_state d"
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
    }

    private static BigDecimal stored(BigDecimal pace) {
        return pace == null ? null : pace.setScale(10, RoundingMode.HALF_UP);
    }

    static DriftRow row(ResultSet rs) throws SQLException {
        OffsetDateTime since = rs.getObject(8, OffsetDateTime.class);
        return new DriftRow(rs.getString(1), rs.getString(2), rs.getInt(3), DriftState.valueOf(rs.getString(4)),
                rs.getBigDecimal(5), rs.getObject(6, LocalDate.class), rs.getLong(7), since.toInstant());
    }

    /** A node a sweep holds: its current state and the node. */
    public record ClaimedNode(DriftState state, AlertNodeRepository.AlertNode node) {
    }
}
