package io.quota.territory.application;

import io.quota.platform.problem.ProblemException;
import io.quota.territory.domain.Potential;
import io.quota.territory.domain.Territory;
import io.quota.territory.domain.TerritoryDetails;
import io.quota.territory.domain.TerritoryId;
import io.quota.territory.domain.TerritoryNames;
import io.quota.territory.domain.TerritoryRuleViolation;
import io.quota.territory.domain.TerritoryStatus;
import io.quota.territory.domain.TerritoryType;
import io.quota.territory.persistence.TerritoryEntity;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The territory tree's use cases. Each change is one transaction holding the new state, its audit entry and its
 * TerritoryChanged event (outbox), so the three exist together or not at all.
 */
@ApplicationScoped
@Transactional
public class TerritoryService {
    static final String ENTITY_TYPE = "territory";

    @Inject
    TerritoryRepository territories;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentActor actor;
    @Inject
    Visibility visibility;
    @Inject
    TerritoryEvents events;

    public TerritoryView create(String id, TerritoryInput input) {
        String who = actor.name();
        territories.lockTreeForWriting();
        if (!visibility.unrestricted()) {
            requirePlaceInScope(id, input.parentId());
        }
        if (territories.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("territory " + id + " already exists");
        }
        Territory territory = obeyingRules(() -> Territory.plant(TerritoryId.of(id),
                TerritoryId.ofNullable(input.parentId()), input.type(), TerritoryNames.of(input.nameZh(), input.nameEn()),
                Potential.ofNullable(input.potential()), territories));
        Instant now = now();
        TerritoryEntity entity = new TerritoryEntity().assign(territory);
        entity.createdAt = now;
        entity.createdBy = who;
        entity.updatedAt = now;
        entity.updatedBy = who;
        territories.persistAndFlush(entity);
        TerritoryView created = TerritoryView.of(entity);
        recordChange(territory, "CREATED", who, now, Map.of("after", created));
        return created;
    }

    /**
     * A full update; {@code expectedVersion} is the client's If-Match. An update that changes nothing is a no-op. A
     * territory outside the caller's scope is missing to it, and a scoped caller moves one only within its scope.
     */
    public TerritoryView update(String id, long expectedVersion, TerritoryInput input, TerritoryStatus status) {
        String who = actor.name();
        territories.lockTreeForWriting();
        TerritoryEntity entity = territories.findByIdOptional(id).filter(t -> visibility.sees(t.id))
                .orElseThrow(() -> ProblemException.notFound("territory", id));
        if (entity.version != expectedVersion) {
            throw new ProblemException(412, "Precondition failed", "territory " + id + " is at version "
                    + entity.version + ", not " + expectedVersion + ": read it again and retry", "If-Match");
        }
        if (!visibility.unrestricted() && !Objects.equals(entity.parentId, input.parentId())) {
            requireMoveInScope(id, entity.parentId, input.parentId());
        }
        Territory territory = entity.toDomain();
        boolean changed = obeyingRules(() -> territory.revise(new TerritoryDetails(
                TerritoryId.ofNullable(input.parentId()), input.type(), TerritoryNames.of(input.nameZh(), input.nameEn()),
                Potential.ofNullable(input.potential()), status), territories));
        if (!changed) {
            return TerritoryView.of(entity);
        }
        TerritoryView before = TerritoryView.of(entity);
        Instant now = now();
        entity.assign(territory);
        entity.updatedAt = now;
        entity.updatedBy = who;
        territories.flush(); // bumps the version now, so the answer carries the new ETag
        TerritoryView after = TerritoryView.of(entity);
        recordChange(territory, "UPDATED", who, now, Map.of("before", before, "after", after));
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public TerritoryView get(String id) {
        return territories.findByIdOptional(id).filter(t -> visibility.sees(t.id)).map(TerritoryView::of)
                .orElseThrow(() -> ProblemException.notFound("territory", id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<TerritoryView> list(String parentId, TerritoryType type, TerritoryStatus status, int page, int size) {
        Collection<String> scope = visibility.scopeRoots();
        List<TerritoryView> items = territories.pageMatching(parentId, type, status, scope, page, size).stream()
                .map(TerritoryView::of).toList();
        return new Page<>(items, page, size, territories.countMatching(parentId, type, status, scope));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SubtreeEntry> subtree(String id) {
        // a subtree of a territory in scope lies wholly in scope
        if (!visibility.sees(id)) {
            throw ProblemException.notFound("territory", id);
        }
        List<SubtreeEntry> entries = territories.subtree(id).stream()
                .map(p -> new SubtreeEntry(p.depth(), TerritoryView.of(p.territory()))).toList();
        if (entries.isEmpty()) {
            throw ProblemException.notFound("territory", id);
        }
        return entries;
    }

    /**
     * A scoped caller plants territories only under a parent inside its scope. A parent outside it is answered like
     * a missing one, so the answer never tells whether it exists.
     */
    private void requirePlaceInScope(String id, String parentId) {
        if (parentId == null) {
            throw ProblemException.unprocessable("parentId", "territory " + id
                    + " needs a parent inside your territory scope: only an unscoped planner creates roots");
        }
        requireParentInScope(parentId);
    }

    /**
     * A scoped caller moves a territory only from a parent inside its scope to another one inside it: the move
     * changes both parents' subtrees. (The territory itself is in scope already.)
     */
    private void requireMoveInScope(String id, String currentParentId, String newParentId) {
        if (currentParentId == null || !visibility.sees(currentParentId)) {
            throw ProblemException.unprocessable("parentId", "territory " + id + " is a root of your territory scope:"
                    + " only a planner whose scope covers its parent moves it");
        }
        if (newParentId == null) {
            throw ProblemException.unprocessable("parentId", "territory " + id
                    + " needs a parent inside your territory scope: only an unscoped planner makes roots");
        }
        requireParentInScope(newParentId);
    }

    private void requireParentInScope(String parentId) {
        if (!visibility.sees(parentId)) {
            // word for word the domain's answer for an unknown parent
            throw ProblemException.unprocessable("parentId", "parent territory " + parentId + " does not exist");
        }
    }

    private void recordChange(Territory t, String action, String who, Instant now, Map<String, TerritoryView> details) {
        events.publish(territories.findById(t.id().value()), now, LocalDate.ofInstant(now, ZoneOffset.UTC));
        audit.record(ENTITY_TYPE, t.id().value(), action, who, now, details);
    }

    /** A broken territory rule is the client's to fix: 422 naming the field. */
    private static <T> T obeyingRules(Supplier<T> change) {
        try {
            return change.get();
        } catch (TerritoryRuleViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        }
    }

    /** PostgreSQL keeps microseconds: what we answer equals what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
