package io.quota.territory.application;

import io.quota.platform.problem.ProblemException;
import io.quota.territory.domain.TerritoryType;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.RepAssignmentEntity;
import io.quota.territory.persistence.Repositories;
import io.quota.territory.persistence.TerritoryEntity;
import io.quota.territory.persistence.TerritoryModelEntity;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per territory (a leaf, or a region summed over its leaves): accounts, potential and workload under a model
 * (default: the ACTIVE one), its reps today and their capacity, and potential / workload per PRIMARY rep (a vacant
 * territory counts as one rep, so it ranks as loaded as it is).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class StatsService {
    @Inject
    TerritoryRepository territories;
    @Inject
    Repositories.Models models;
    @Inject
    Repositories.Reps reps;
    @Inject
    RepService repService;
    @Inject
    PlanningStore store;
    @Inject
    Visibility visibility;

    public record RepLoad(String repId, String role, int capacity, boolean cover) {
    }

    public record TerritoryStats(String territoryId, String modelId, LocalDate asOf, long accounts,
                                 BigDecimal potential, long workload, int primaryReps, List<RepLoad> reps,
                                 long capacity, boolean vacant, BigDecimal potentialPerRep,
                                 BigDecimal workloadPerRep, BigDecimal workloadToCapacity) {
    }

    public TerritoryStats stats(String territoryId, String modelId) {
        requireVisible(territoryId);
        String model = model(modelId);
        Map<String, PlanningStore.TerritoryTotals> totals = model == null ? Map.of() : store.totals(model);
        List<String> subtree = territories.subtree(territoryId).stream().map(p -> p.territory().id).toList();
        return stats(territoryId, subtree, model, totals, LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /** Unknown and out-of-scope territories answer the same 404. */
    private void requireVisible(String territoryId) {
        if (territories.findByIdOptional(territoryId).isEmpty() || !visibility.sees(territoryId)) {
            throw ProblemException.notFound("territory", territoryId);
        }
    }

    /** Leaf territories by potential or workload per rep, highest first. */
    public Page<TerritoryStats> ranking(String by, String parentId, String modelId, int page, int size) {
        String model = model(modelId);
        Map<String, PlanningStore.TerritoryTotals> totals = model == null ? Map.of() : store.totals(model);
        List<TerritoryEntity> leaves;
        if (parentId != null) {
            requireVisible(parentId);
            leaves = territories.subtree(parentId).stream().map(TerritoryRepository.Placed::territory).toList();
        } else {
            leaves = territories.listAll();
        }
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Comparator<TerritoryStats> order = Comparator.comparing("workloadPerRep".equals(by)
                ? TerritoryStats::workloadPerRep : TerritoryStats::potentialPerRep);
        List<TerritoryStats> ranked = leaves.stream()
                .filter(t -> t.type != TerritoryType.REGION && t.status.name().equals("ACTIVE"))
                .filter(t -> visibility.sees(t.id))
                .map(t -> stats(t.id, List.of(t.id), model, totals, today))
                .sorted(order.reversed().thenComparing(TerritoryStats::territoryId)).toList();
        int from = Math.min(ranked.size(), page * size);
        return new Page<>(ranked.subList(from, Math.min(ranked.size(), from + size)), page, size, ranked.size());
    }

    /** The number of PRIMARY reps holding each territory on {@code day} (covers included, the covered excluded). */
    public int primaryReps(String territoryId, LocalDate day) {
        return (int) repService.holdersOn(territoryId, day).stream().filter(a -> a.role.equals("PRIMARY")).count();
    }

    private TerritoryStats stats(String id, List<String> subtree, String model,
                                 Map<String, PlanningStore.TerritoryTotals> totals, LocalDate day) {
        long accounts = 0;
        long workload = 0;
        BigDecimal potential = BigDecimal.ZERO.setScale(2);
        List<RepLoad> loads = new ArrayList<>();
        Map<String, Integer> capacities = new HashMap<>();
        for (String t : subtree) {
            PlanningStore.TerritoryTotals x = totals.get(t);
            if (x != null) {
                accounts += x.accounts();
                workload += x.workload();
                potential = potential.add(x.potential());
            }
            for (RepAssignmentEntity a : repService.holdersOn(t, day)) {
                int capacity = capacities.computeIfAbsent(a.repId, r -> reps.findByIdOptional(r).map(e -> e.capacity).orElse(0));
                loads.add(new RepLoad(a.repId, a.role, capacity, a.coverFor != null));
            }
        }
        int primary = (int) loads.stream().filter(l -> l.role().equals("PRIMARY")).count();
        long capacity = loads.stream().filter(l -> l.role().equals("PRIMARY")).mapToLong(RepLoad::capacity).sum();
        BigDecimal divisor = BigDecimal.valueOf(Math.max(1, primary));
        return new TerritoryStats(id, model, day, accounts, potential, workload, primary, loads, capacity, primary == 0,
                potential.divide(divisor, 2, RoundingMode.HALF_EVEN),
                BigDecimal.valueOf(workload).divide(divisor, 2, RoundingMode.HALF_EVEN),
                capacity == 0 ? null : BigDecimal.valueOf(workload).divide(BigDecimal.valueOf(capacity), 4, RoundingMode.HALF_EVEN));
    }

    private String model(String modelId) {
        if (modelId != null) {
            TerritoryModelEntity m = models.findByIdOptional(modelId)
                    .orElseThrow(() -> ProblemException.notFound("territory model", modelId));
            return m.id;
        }
        return models.active().map(m -> m.id).orElse(null);
    }
}
