package io.quota.territory.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.territory.persistence.AuditEntryEntity;
import io.quota.territory.persistence.AuditRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Every change records who made it and when, in the transaction of the change itself (DESIGN.md section 5). */
@ApplicationScoped
public class AuditTrail {
    @Inject
    AuditRepository entries;
    @Inject
    ObjectMapper json;

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

    /** Newest first; entityId null lists every entity's entries. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEntryView> list(String entityId, int page, int size) {
        return new Page<>(entries.pageFor(entityId, page, size).stream().map(this::view).toList(), page, size,
                entries.countFor(entityId));
    }

    private AuditEntryView view(AuditEntryEntity e) {
        try {
            return new AuditEntryView(e.id, e.entityType, e.entityId, e.action, e.actor, e.at, json.readTree(e.details));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("audit entry " + e.id + " holds invalid JSON", ex);
        }
    }
}
