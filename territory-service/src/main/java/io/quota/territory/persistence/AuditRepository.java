package io.quota.territory.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;

import java.util.Collection;
import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntryEntity, Long> {

    /**
     * Newest first; entityId null means every entity. {@code scopeRoots} null means every territory's entries,
     * otherwise only those of territories now in the subtrees of these roots.
     */
    public List<AuditEntryEntity> pageFor(String entityId, Collection<String> scopeRoots, int page, int size) {
        if (scopeRoots == null) {
            return entityId == null
                    ? findAll(Sort.descending("id")).page(Page.of(page, size)).list()
                    : find("entityId = :id", Sort.descending("id"), Parameters.with("id", entityId))
                            .page(Page.of(page, size)).list();
        }
        Query q = scoped("select a.* from audit_log a where " + where(entityId)
                + " order by a.id desc limit :limit offset :offset", AuditEntryEntity.class, entityId, scopeRoots);
        q.setParameter("limit", size).setParameter("offset", (long) page * size);
        @SuppressWarnings("unchecked")
        List<AuditEntryEntity> rows = q.getResultList();
        return rows;
    }

    public long countFor(String entityId, Collection<String> scopeRoots) {
        if (scopeRoots == null) {
            return entityId == null ? count() : count("entityId", entityId);
        }
        return ((Number) scoped("select count(*) from audit_log a where " + where(entityId), null, entityId,
                scopeRoots).getSingleResult()).longValue();
    }

    private static String where(String entityId) {
        return "a.entity_id in (select id from scope)" + (entityId == null ? "" : " and a.entity_id = :entityId");
    }

    private Query scoped(String select, Class<?> entity, String entityId, Collection<String> scopeRoots) {
        String sql = ScopeSql.CTE + select;
        Query q = entity == null ? getEntityManager().createNativeQuery(sql)
                : getEntityManager().createNativeQuery(sql, entity);
        q.setParameter("scopeRoots", ScopeSql.roots(scopeRoots));
        if (entityId != null) {
            q.setParameter("entityId", entityId);
        }
        return q;
    }
}
