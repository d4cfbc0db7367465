package io.quota.territory.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.territory.persistence.AuditEntryEntity;
import io.quota.territory.persistence.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;

/** Every change records who made it and when, in the transaction of the change itself (DESIGN.md section 5). */
@ApplicationScoped
public class AuditTrail {
    @Inject
    AuditRepository entries;
    @Inject
    ObjectMapper json;
    @Inject
    Visibility visibility;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entityType, String entityId, String action, String actor, Instant at, Object details) {
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.entityType = entityType;
        entry.entityId = entityId;
        entry.action = action;
        entry.actor = actor;
        entry.at = at;
        try {
            entry.details = json.writeValueAsString(details);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit details of " + entityType + " " + entityId + " are not JSON", e);
        }
        entries.persist(entry);
    }

    /**
     * Newest first; entityId null lists every entity's entries. A caller with a territory scope reads only the
     * entries of territories now inside it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntryView> list(String entityId, int page, int size) {
        Collection<String> scope = visibility.scopeRoots();
        return new Page<>(entries.pageFor(entityId, scope, page, size).stream().map(this::view).toList(), page, size,
                entries.countFor(entityId, scope));
    }

    private AuditEntryView view(AuditEntryEntity e) {
        try {
            return new AuditEntryView(e.id, e.entityType, e.entityId, e.action, e.actor, e.at, json.readTree(e.details));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("audit entry " + e.id + " holds invalid JSON", ex);
        }
    }
}
