package io.quota.territory.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntryEntity, Long> {

    /** Newest first; entityId null means every entity. */
    public List<AuditEntryEntity> pageFor(String entityId, int page, int size) {
        return entityId == null
                ? findAll(Sort.descending("id")).page(Page.of(page, size)).list()
                : find("entityId = :id", Sort.descending("id"), Parameters.with("id", entityId))
                        .page(Page.of(page, size)).list();
    }

    public long countFor(String entityId) {
        return entityId == null ? count() : count("entityId", entityId);
    }
}
