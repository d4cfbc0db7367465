package io.quota.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/** The highest milestone told per node and plan version. */
@ApplicationScoped
public class MilestoneRepository {
    @Inject
    EntityManager em;

    /** The highest milestone told for the node in this plan version, locked until the transaction ends; null: none. */
    public Integer lockHighest(String nodeKey, int planVersion) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery(
                        "select highest from node_milestone where node_key = ?1 and plan_version = ?2 for update")
                .setParameter(1, nodeKey).setParameter(2, planVersion).getResultList();
        return rows.isEmpty() ? null : rows.get(0).intValue();
    }

    /**
     * Records a milestone as told; true unless another transaction recorded this one or a higher one first (then
     * it is not news any more).
     */
    public boolean raise(String nodeKey, int planVersion, int milestone, Instant at) {
        return em.createNativeQuery("""
                        insert into node_milestone (node_key, plan_version, highest, reached_at) values (?1, ?2, ?3, ?4)
                        on conflict (node_key, plan_version) do update set highest = excluded.highest,
                            reached_at = excluded.reached_at
                        where node_milestone.highest < excluded.highest""")
                .setParameter(1, nodeKey).setParameter(2, planVersion).setParameter(3, (short) milestone)
                .setParameter(4, at).executeUpdate() == 1;
    }
}
