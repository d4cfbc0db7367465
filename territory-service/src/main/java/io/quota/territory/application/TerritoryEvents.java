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
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
        publish(t, at, effectiveFrom, activeModel, potential(t, activeModel),
                activeModel == null ? 0 : overlapping(t.id, activeModel),
                activeModel == null || t.parentId != null ? null : store.countConflicts(activeModel, "ORPHAN"));
    }

    private void publish(TerritoryEntity t, Instant at, LocalDate effectiveFrom, String activeModel, BigDecimal potential,
                         long overlapping, Long orphans) {
        // each change is a new fact, so a random id; the topic is compacted by territoryId to the latest one
        outbox.publish(new ConflictEvents.Territory(UUID.randomUUID(), at, 1, t.id, t.parentId, t.type.name(),
                t.status.name(), t.nameZh, t.nameEn, potential, activeModel, effectiveFrom, null, overlapping, orphans));
    }

    /** The territories and all their ancestors, once each: their potential moved. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishWithAncestors(Collection<String> territoryIds, Instant at, LocalDate effectiveFrom) {
        if (territoryIds.size() >= MANY) {
            Tree tree = tree();
            Set<String> all = new LinkedHashSet<>();
            territoryIds.forEach(id -> all.addAll(tree.ancestorsAndSelf(id)));
            publishAll(all, at, effectiveFrom);
            return;
        }
        Set<String> all = new LinkedHashSet<>();
        for (String id : territoryIds) {
            all.addAll(territories.ancestorsAndSelf(id));
        }
        publishAll(all, at, effectiveFrom);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(Collection<String> territoryIds, Instant at, LocalDate effectiveFrom) {
        if (territoryIds.size() < MANY) {
            for (String id : territoryIds) {
                territories.findByIdOptional(id).ifPresent(t -> publish(t, at, effectiveFrom));
            }
            return;
        }
        // an activation or a re-drawn boundary touches every territory: the figures of all of them in three reads
        // (totals per leaf, the overlaps, the orphans) rolled up the tree, instead of two queries per territory
        Tree tree = tree();
        String activeModel = models.active().map(m -> m.id).orElse(null);
        Map<String, long[]> accounts = new HashMap<>();
        Map<String, BigDecimal> potentials = new HashMap<>();
        Map<String, Long> overlapping = new HashMap<>();
        Long orphans = null;
        if (activeModel != null) {
            store.totals(activeModel).values().forEach(total -> tree.ancestorsAndSelf(total.territoryId()).forEach(id -> {
                accounts.computeIfAbsent(id, k -> new long[1])[0] += total.accounts();
                potentials.merge(id, total.potential(), BigDecimal::add);
            }));
            store.forEachConflict(activeModel, "OVERLAP", row -> {
                Set<String> under = new HashSet<>(); // each account once per territory, however many candidates below it
                row.candidates().forEach(c -> under.addAll(tree.ancestorsAndSelf(c)));
                under.forEach(id -> overlapping.merge(id, 1L, Long::sum));
            });
            orphans = store.countConflicts(activeModel, "ORPHAN");
        }
        for (String id : territoryIds) {
            TerritoryEntity t = tree.byId.get(id);
            if (t != null) {
                BigDecimal potential = accounts.containsKey(id) && accounts.get(id)[0] > 0 ? potentials.get(id) : t.potential;
                publish(t, at, effectiveFrom, activeModel, potential, overlapping.getOrDefault(id, 0L),
                        t.parentId == null ? orphans : null);
            }
        }
    }

    /** From this many territories on, the whole tree and the model's figures are read once. */
    static final int MANY = 20;

    private Tree tree() {
        Map<String, TerritoryEntity> byId = new HashMap<>();
        territories.listAll().forEach(t -> byId.put(t.id, t));
        return new Tree(byId);
    }

    private record Tree(Map<String, TerritoryEntity> byId) {
        List<String> ancestorsAndSelf(String id) {
            List<String> out = new ArrayList<>();
            for (TerritoryEntity t = byId.get(id); t != null && out.size() <= byId.size(); t = t.parentId == null ? null : byId.get(t.parentId)) {
                out.add(t.id);
            }
            return out;
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
