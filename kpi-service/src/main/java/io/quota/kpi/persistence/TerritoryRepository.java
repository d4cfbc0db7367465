package io.quota.kpi.persistence;

import io.quota.contracts.events.TerritoryChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

@ApplicationScoped
public class TerritoryRepository {
    /** Deeper than any real tree; only stops a walk round a cycle a faulty replica might hold. */
    private static final int MAX_DEPTH = 64;

    @Inject
    Db db;

    /** Keeps the latest state of the territory: an older change arriving late does not overwrite a newer one. */
    public void upsert(TerritoryChanged t) {
        db.update("""
                        insert into territory (territory_id, parent_id, type, status, occurred_at) values (?, ?, ?, ?, ?)
                        on conflict (territory_id) do update set parent_id = excluded.parent_id, type = excluded.type,
                            status = excluded.status, occurred_at = excluded.occurred_at
                        where territory.occurred_at <= excluded.occurred_at""",
                t.territoryId(), t.parentId(), t.type(), t.status(), t.occurredAt());
    }

    /**
     * The territory, its parent, grandparent... up to the root, by the replica's parent links (what a caller's
     * scope is checked against). A territory the replica does not hold is its own root.
     */
    public List<String> ancestorsAndSelf(String territoryId) {
        return db.list("""
                        with recursive up(id, depth) as (
                            select cast(? as text), 0
                            union all
                            select t.parent_id, up.depth + 1 from territory t join up on t.territory_id = up.id
                            where t.parent_id is not null and up.depth < ?)
                        select id from up order by depth""",
                rs -> rs.getString(1), territoryId, MAX_DEPTH);
    }

    public boolean exists(String territoryId) {
        return db.one("select exists (select 1 from territory where territory_id = ?)", rs -> rs.getBoolean(1),
                territoryId).orElse(false);
    }

    /** The territories of the subtrees under the given roots (by the replica's parent links), roots included. */
    public List<String> subtrees(java.util.Collection<String> roots) {
        return db.list("with recursive " + ScopeSql.CTE + " select id from scope", rs -> rs.getString(1),
                (Object) ScopeSql.roots(roots));
    }
}
