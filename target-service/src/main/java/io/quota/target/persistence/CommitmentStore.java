package io.quota.target.persistence;

import io.quota.target.domain.Commitment;
import io.quota.target.domain.ReconciledNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bottom-up commitments per cell (table commitments) and their reconciliation with the top-down cells. */
@ApplicationScoped
public class CommitmentStore {
    @Inject
    Sql sql;

    /** Upserts commitments (the latest commitment per cell wins). */
    public void upsert(String planId, int version, Map<String, BigDecimal> amounts, String actor, Instant at) {
        sql.update("""
                        insert into commitments (plan_id, version, cell_key, amount, committed_by, committed_at)
                        select ?, ?, k, a::numeric, ?, ? from unnest(?::text[], ?::text[]) as u(k, a)
                        on conflict (plan_id, version, cell_key) do update set amount = excluded.amount,
                            committed_by = excluded.committed_by, committed_at = excluded.committed_at""",
                planId, version, actor, at, amounts.keySet().toArray(String[]::new),
                amounts.values().stream().map(BigDecimal::toPlainString).toArray(String[]::new));
    }

    public List<Commitment> page(String planId, int version, TerritoryFilter scope, int page, int size) {
        return sql.query("""
                        select m.cell_key, m.amount, m.committed_by, m.committed_at from commitments m
                        join cells c on c.plan_id = m.plan_id and c.version = m.version and c.cell_key = m.cell_key
                        where m.plan_id = ? and m.version = ? and (?::text[] is null or c.territory = any(?::text[]))
                        order by m.cell_key limit ? offset ?""",
                rs -> new Commitment(rs.getString(1), rs.getBigDecimal(2), rs.getString(3), Sql.instant(rs, "committed_at")),
                planId, version, scope.parameter(), scope.parameter(), size, (long) page * size);
    }

    public long count(String planId, int version, TerritoryFilter scope) {
        return sql.count("""
                        select count(*) from commitments m
                        join cells c on c.plan_id = m.plan_id and c.version = m.version and c.cell_key = m.cell_key
                        where m.plan_id = ? and m.version = ? and (?::text[] is null or c.territory = any(?::text[]))""",
                planId, version, scope.parameter(), scope.parameter());
    }

    /** Top-down vs bottom-up per roll-up node (groups as in CellStore.rollup), one page. */
    public List<ReconciledNode> reconcile(String planId, int version, List<String> by, int fiscalStartMonth, TerritoryFilter scope,
                                int page, int size) {
        List<String> exprs = by.stream().map(g -> CellStore.group(g, fiscalStartMonth)).toList();
        String groups = java.util.stream.IntStream.rangeClosed(1, exprs.size()).mapToObj(Integer::toString)
                .reduce((a, b) -> a + ", " + b).orElseThrow();
        List<Object> params = new ArrayList<>(java.util.Arrays.asList(planId, version, scope.parameter(),
                scope.parameter(), size, (long) page * size));
        return sql.query("select " + String.join(", ", exprs) + ", sum(c.amount), sum(m.amount), count(m.cell_key), count(*)"
                        + " from cells c left join commitments m"
                        + " on m.plan_id = c.plan_id and m.version = c.version and m.cell_key = c.cell_key"
                        + " where c.plan_id = ? and c.version = ? and " + TerritoryFilter.CONDITION
                        + " group by " + groups + " order by " + groups + " limit ? offset ?",
                rs -> {
                    Map<String, String> members = new LinkedHashMap<>();
                    for (int i = 0; i < by.size(); i++) {
                        members.put(by.get(i), rs.getString(i + 1));
                    }
                    BigDecimal bottomUp = rs.getBigDecimal(by.size() + 2);
                    return new ReconciledNode(members, rs.getBigDecimal(by.size() + 1), bottomUp == null ? BigDecimal.ZERO : bottomUp,
                            rs.getLong(by.size() + 3), rs.getLong(by.size() + 4));
                }, params.toArray());
    }
}
