package io.quota.territory.application;

import io.quota.platform.outbox.Outbox;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.Repositories;
import io.quota.territory.persistence.TerritoryEntity;
import io.quota.territory.persistence.TerritoryModelEntity;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * TerritoryChanged, the latest state of a territory as the ACTIVE model sees it. {@code potential} is the sum of
 * the potential of the accounts the ACTIVE model assigns to the territory (for a region: to the leaves under it);
 * a territory with no assigned accounts keeps the potential a planner stated for it, so a tree planned before its
 * accounts are loaded still carries one. {@code modelId} is the ACTIVE model (null while there is none).
 */
@ApplicationScoped
public class TerritoryEvents {
    @Inject
    Outbox outbox;
    @Inject
    TerritoryRepository territories;
    @Inject
    Repositories.Models models;
    @Inject
    PlanningStore store;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(TerritoryEntity t, Instant at, LocalDate effectiveFrom) {
        String activeModel = models.active().map(m -> m.id).orElse(null);
        // each change is a new fact, so a random id; the topic is compacted by territoryId to the latest one
        outbox.publish(new ConflictEvents.Territory(UUID.randomUUID(), at, 1, t.id, t.parentId, t.type.name(),
                t.status.name(), t.nameZh, t.nameEn, potential(t, activeModel), activeModel, effectiveFrom, null,
                activeModel == null ? 0 : overlapping(t.id, activeModel),
                activeModel == null || t.parentId != null ? null : store.countConflicts(activeModel, "ORPHAN")));
    }

    /** The territories and all their ancestors, once each: their potential moved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishWithAncestors(Collection<String> territoryIds, Instant at, LocalDate effectiveFrom) {
        Set<String> all = new LinkedHashSet<>();
        for (String id : territoryIds) {
            all.addAll(territories.ancestorsAndSelf(id));
        }
        publishAll(all, at, effectiveFrom);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(Collection<String> territoryIds, Instant at, LocalDate effectiveFrom) {
        for (String id : territoryIds) {
            territories.findByIdOptional(id).ifPresent(t -> publish(t, at, effectiveFrom));
        }
    }

    /** Accounts whose tied candidates include the territory or one under it. */
    private long overlapping(String territoryId, String activeModel) {
        return store.query("""
                        with recursive sub (id) as (
                            select cast(? as varchar)
                            union
                            select t.id from territory t join sub s on t.parent_id = s.id)
                        select count(*) from account_assignment a where a.model_id = ? and a.outcome = 'OVERLAP'
                        and string_to_array(a.candidates, ',') && array(select cast(id as text) from sub)""",
                rs -> rs.getLong(1), territoryId, activeModel).get(0);
    }

    /** See the class comment; null when neither accounts nor a stated potential exist. */
    public BigDecimal potential(TerritoryEntity t, String activeModel) {
        if (activeModel != null) {
            var sums = store.query("""
                            with recursive sub (id) as (
                                select cast(? as varchar)
                                union
                                select t.id from territory t join sub s on t.parent_id = s.id)
                            select count(*), coalesce(sum(c.potential), 0) from account_assignment a
                            join account c on c.id = a.account_id
                            where a.model_id = ? and a.outcome = 'ASSIGNED' and a.territory_id in (select id from sub)""",
                    rs -> new Object[]{rs.getLong(1), rs.getBigDecimal(2)}, t.id, activeModel).get(0);
            if ((Long) sums[0] > 0) {
                return (BigDecimal) sums[1];
            }
        }
        return t.potential;
    }

}
