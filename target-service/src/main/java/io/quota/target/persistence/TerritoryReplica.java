package io.quota.target.persistence;

import io.quota.contracts.events.TerritoryChanged;
import io.quota.target.domain.Territory;
import io.quota.target.domain.TerritoryDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The local replica of quota.territories.v1 (table territories): the latest state per territory. */
@ApplicationScoped
public class TerritoryReplica implements TerritoryDirectory {
    @Inject
    Sql sql;

    /**
     * Keyed upsert: the state with the latest occurredAt wins, so an older state arriving late (a replay, a
     * second producer) never overwrites a newer one; at equal times the later delivery wins.
     */
    public void upsert(TerritoryChanged e) {
        sql.update("""
                        insert into territories (territory_id, parent_id, type, status, potential, name_zh, name_en,
                                                 model_id, effective_from, effective_to, changed_at, event_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (territory_id) do update set
                            parent_id = excluded.parent_id, type = excluded.type, status = excluded.status,
                            potential = excluded.potential, name_zh = excluded.name_zh, name_en = excluded.name_en,
                            model_id = excluded.model_id, effective_from = excluded.effective_from,
                            effective_to = excluded.effective_to, changed_at = excluded.changed_at,
                            event_id = excluded.event_id
                        where territories.changed_at <= excluded.changed_at""",
                e.territoryId(), e.parentId(), e.type(), e.status(), e.potential(), e.nameZh(), e.nameEn(),
                e.modelId(), e.effectiveFrom(), e.effectiveTo(), e.occurredAt(), e.eventId());
    }

    @Override
    public Map<String, Territory> find(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return sql.query("select territory_id, parent_id, type, status, potential from territories where territory_id = any(?)",
                        rs -> new Territory(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getBigDecimal(5)),
                        (Object) ids.toArray(String[]::new))
                .stream().collect(Collectors.toMap(Territory::id, Function.identity()));
    }

    /**
     * Each territory followed by its parent, grandparent... up to its root, by the replica's parent links (a
     * territory the replica does not know is its own chain). The walk stops after {@link #MAX_DEPTH} steps, so a
     * cycle (a move half replicated) cannot run away.
     */
    public Map<String, List<String>> ancestorsAndSelf(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> chains = new java.util.HashMap<>();
        sql.query("""
                        with recursive up(territory_id, ancestor_id, depth) as (
                            select id, id, 0 from unnest(?::text[]) as given(id)
                            union all
                            select up.territory_id, t.parent_id, up.depth + 1
                            from up join territories t on t.territory_id = up.ancestor_id
                            where t.parent_id is not null and up.depth < ?)
                        select territory_id, ancestor_id from up order by territory_id, depth""",
                rs -> chains.computeIfAbsent(rs.getString(1), k -> new java.util.ArrayList<>()).add(rs.getString(2)),
                ids.toArray(String[]::new), MAX_DEPTH);
        return chains;
    }

    /** Every territory the replica knows (a plan's members are always among them). */
    public List<String> ids() {
        return sql.query("select territory_id from territories", rs -> rs.getString(1));
    }

    /** Deeper than any real territory tree. */
    static final int MAX_DEPTH = 64;

    @Override
    public List<String> targetCarrying() {
        return sql.query("""
                        select territory_id from territories where status = 'ACTIVE' and type <> 'REGION'
                        order by territory_id""",
                rs -> rs.getString(1));
    }
}
