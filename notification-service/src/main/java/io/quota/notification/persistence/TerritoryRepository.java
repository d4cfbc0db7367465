package io.quota.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/** The replica of the territory tree that scoping walks. */
@ApplicationScoped
public class TerritoryRepository {
    @Inject
    EntityManager em;

    /** Keeps the latest state: a change that arrives after a newer one does not overwrite it. */
    public void upsert(String territoryId, String parentId, Instant occurredAt) {
        em.createNativeQuery("""
                        insert into territory (territory_id, parent_id, occurred_at) values (?1, ?2, ?3)
                        on conflict (territory_id) do update set parent_id = excluded.parent_id,
                            occurred_at = excluded.occurred_at
                        where territory.occurred_at <= excluded.occurred_at""")
                .setParameter(1, territoryId).setParameter(2, parentId).setParameter(3, occurredAt)
                .executeUpdate();
    }

    /**
     * The territory, its parent, grandparent... up to its root, as far as the replica knows them (the territory
     * itself always, even before its first TerritoryChanged arrives). A cycle in bad data ends the walk.
     */
    public List<String> ancestorsAndSelf(String territoryId) {
        return ancestorsAndSelf(List.of(territoryId)).get(territoryId);
    }

    /** {@link #ancestorsAndSelf(String)} of each of the territories, in one round trip. */
    public Map<String, List<String>> ancestorsAndSelf(Collection<String> territoryIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> up = em.createNativeQuery("""
                        with recursive up(start_id, territory_id, parent_id, depth) as (
                            select territory_id, territory_id, parent_id, 0 from territory
                            where territory_id = any(cast(?1 as text[]))
                            union all
                            select up.start_id, t.territory_id, t.parent_id, up.depth + 1
                            from territory t join up on t.territory_id = up.parent_id
                            where up.depth < 64)
                        select start_id, territory_id from up order by start_id, depth""")
                .setParameter(1, territoryIds.toArray(new String[0])).getResultList();
        Map<String, List<String>> paths = new HashMap<>();
        territoryIds.forEach(t -> paths.put(t, new ArrayList<>(List.of(t))));
        for (Object[] row : up) {
            List<String> path = paths.get((String) row[0]);
            if (!path.contains((String) row[1])) {
                path.add((String) row[1]);
            }
        }
        return paths;
    }

    /** Whether a TerritoryChanged named this territory. */
    public boolean known(String territoryId) {
        return !em.createNativeQuery("select 1 from territory where territory_id = ?1")
                .setParameter(1, territoryId).getResultList().isEmpty();
    }
}
