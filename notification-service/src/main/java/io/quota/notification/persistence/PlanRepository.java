package io.quota.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The replica of published plans: which plan ids exist (for filters) and their names (for messages). */
@ApplicationScoped
public class PlanRepository {
    @Inject
    EntityManager em;

    /** Keeps the latest version: a publication older than the one stored does not overwrite it. */
    public void upsert(String planId, int version, String name, String metric, Instant occurredAt) {
        em.createNativeQuery("""
                        insert into plan (plan_id, version, name, metric, occurred_at) values (?1, ?2, ?3, ?4, ?5)
                        on conflict (plan_id) do update set version = excluded.version, name = excluded.name,
                            metric = excluded.metric, occurred_at = excluded.occurred_at
                        where plan.version <= excluded.version""")
                .setParameter(1, planId).setParameter(2, version).setParameter(3, name).setParameter(4, metric)
                .setParameter(5, occurredAt).executeUpdate();
    }

    /** Those of the ids that name no published plan. */
    public Set<String> unknown(Collection<String> planIds) {
        @SuppressWarnings("unchecked")
        List<String> known = em.createNativeQuery("select plan_id from plan where plan_id = any(?1)", String.class)
                .setParameter(1, planIds.toArray(new String[0])).getResultList();
        Set<String> unknown = new java.util.LinkedHashSet<>(planIds);
        known.forEach(unknown::remove);
        return unknown;
    }

    /** Plan id -> name, for those of the ids the replica knows and that have a name. */
    public Map<String, String> names(Collection<String> planIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select plan_id, name from plan where plan_id = any(?1)")
                .setParameter(1, planIds.toArray(new String[0])).getResultList();
        Map<String, String> names = new HashMap<>();
        rows.stream().filter(r -> r[1] != null).forEach(r -> names.put((String) r[0], (String) r[1]));
        return names;
    }
}
