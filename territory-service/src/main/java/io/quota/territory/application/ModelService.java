package io.quota.territory.application;

import io.quota.platform.problem.ProblemException;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.Repositories;
import io.quota.territory.persistence.TerritoryModelEntity;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Territory models (区域方案): a PLANNING copy is edited, assigned, balanced and compared with the ACTIVE one, then
 * activated on an effective date; only one is ACTIVE, the one it replaces becomes ARCHIVED. Activation is refused
 * while the model leaves accounts orphaned or overlapping, unless forced with a reason (audited).
 */
@ApplicationScoped
@Transactional
public class ModelService {
    static final String ENTITY_TYPE = "territory-model";

    @Inject
    Repositories.Models models;
    @Inject
    PlanningStore store;
    @Inject
    AssignmentService assignment;
    @Inject
    TerritoryEvents territoryEvents;
    @Inject
    TerritoryRepository territories;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentActor actor;
    @Inject
    Visibility visibility;

    public ModelView create(String id, String name, String basedOn) {
        String who = actor.name();
        visibility.requireUnrestricted("territory model");
        if (models.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("territory model " + id + " already exists");
        }
        TerritoryModelEntity source = basedOn == null ? models.active().orElse(null)
                : models.findByIdOptional(basedOn).orElseThrow(() -> ProblemException.unprocessable("basedOn",
                "territory model " + basedOn + " does not exist"));
        Instant now = Clock.now();
        TerritoryModelEntity m = new TerritoryModelEntity();
        m.id = id;
        m.name = name;
        m.status = "PLANNING";
        m.basedOn = source == null ? null : source.id;
        m.createdAt = now;
        m.createdBy = who;
        models.persistAndFlush(m);
        if (source != null) {
            store.copyModelContents(source.id, id);
        }
        assignment.reassignModel(m, now, Clock.today(now)); // accounts may have changed since the source was derived
        audit.record(ENTITY_TYPE, id, "CREATED", who, now, Map.of("basedOn", String.valueOf(m.basedOn), "name", name));
        return view(m);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ModelView get(String id) {
        return view(find(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ModelView> list(String status, int page, int size) {
        var query = status == null ? models.find("order by createdAt desc, id") : models.find("status = ?1 order by createdAt desc, id", status);
        List<ModelView> items = query.page(io.quarkus.panache.common.Page.of(page, size)).list().stream().map(this::view).toList();
        return new Page<>(items, page, size, query.count());
    }

    TerritoryModelEntity find(String id) {
        return models.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("territory model", id));
    }

    /** The model, which must be PLANNING: only a planning copy is edited. */
    TerritoryModelEntity planning(String id) {
        TerritoryModelEntity m = find(id);
        if (!"PLANNING".equals(m.status)) {
            throw ProblemException.unprocessable("modelId", "territory model " + id + " is " + m.status
                    + ": only a PLANNING model is edited; create a planning copy of it");
        }
        return m;
    }

    ModelView view(TerritoryModelEntity m) {
        // a scoped caller sees the figures of its own territories only, like every other read
        return ModelView.of(m, visibility.conflictCount(m.id, "ORPHAN"), visibility.conflictCount(m.id, "OVERLAP"));
    }

    public ModelView activate(String id, LocalDate effectiveFrom, boolean force, String reason) {
        String who = actor.name();
        visibility.requireUnrestricted("territory model");
        TerritoryModelEntity m = planning(id);
        Instant now = Clock.now();
        LocalDate day = effectiveFrom == null ? Clock.today(now) : effectiveFrom;
        AssignmentService.Outcome outcome = assignment.reassignModel(m, now, day);
        if (outcome.orphans() + outcome.overlaps() > 0) {
            if (!force) {
                throw ProblemException.unprocessable("force", "territory model " + id + " leaves " + outcome.orphans()
                        + " orphan and " + outcome.overlaps() + " overlapping accounts (GET /api/assignments/conflicts?modelId="
                        + id + "): fix the rules, or activate with force and a reason");
            }
            if (reason == null || reason.isBlank()) {
                throw ProblemException.unprocessable("reason", "a forced activation needs a reason");
            }
        }
        TerritoryModelEntity previous = models.active().orElse(null);
        if (previous != null) {
            previous.status = "ARCHIVED";
            models.flush(); // the one-ACTIVE index sees the old one gone first
        }
        m.status = "ACTIVE";
        m.effectiveFrom = day;
        m.activatedAt = now;
        m.activatedBy = who;
        m.forcedReason = outcome.orphans() + outcome.overlaps() > 0 ? reason.strip() : null;
        models.flush();
        // every account follows the new model from its effective date; then every territory, now under a new model
        Map<String, PlanningStore.AssignmentRow> holders = new HashMap<>(store.assignments(id, null));
        if (previous != null) {
            store.assignments(previous.id, null).keySet().forEach(a -> holders.putIfAbsent(a, null));
        }
        assignment.followActive(holders, now, day);
        territoryEvents.publishAll(territories.listAll().stream().map(t -> t.id).toList(), now, day);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("effectiveFrom", day.toString());
        details.put("previous", previous == null ? null : previous.id);
        details.put("orphans", outcome.orphans());
        details.put("overlaps", outcome.overlaps());
        details.put("forced", m.forcedReason != null);
        details.put("reason", m.forcedReason);
        audit.record(ENTITY_TYPE, id, "ACTIVATED", who, now, details);
        return view(m);
    }

    /** One territory's figures in two models. */
    public record TerritoryComparison(String territoryId, long accountsA, long accountsB, BigDecimal potentialA,
                                      BigDecimal potentialB, long workloadA, long workloadB) {
    }

    public record AccountMove(String accountId, String territoryA, String territoryB) {
    }

    public record Comparison(String modelA, String modelB, List<TerritoryComparison> territories, long movedAccounts,
                             List<AccountMove> moves, long conflictsA, long conflictsB) {
    }

    /**
     * Compares model {@code id} with {@code other} (default: the ACTIVE model); at most {@code maxMoves} moves listed.
     * A scoped caller sees only its territories, and only the moves between two of them (a move from or to a
     * territory outside its scope would show that territory).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Comparison compare(String id, String other, int maxMoves) {
        TerritoryModelEntity b = find(id);
        TerritoryModelEntity a = other == null ? models.active().orElseThrow(() -> ProblemException.unprocessable(
                "with", "there is no ACTIVE model to compare with: name one")) : find(other);
        boolean all = visibility.unrestricted();
        Map<String, PlanningStore.TerritoryTotals> ta = store.totals(a.id);
        Map<String, PlanningStore.TerritoryTotals> tb = store.totals(b.id);
        List<TerritoryComparison> rows = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(ta.keySet());
        ids.addAll(tb.keySet());
        PlanningStore.TerritoryTotals none = new PlanningStore.TerritoryTotals(null, 0, BigDecimal.ZERO, 0);
        for (String t : ids) {
            if (!all && !visibility.sees(t)) {
                continue;
            }
            var x = ta.getOrDefault(t, none);
            var y = tb.getOrDefault(t, none);
            rows.add(new TerritoryComparison(t, x.accounts(), y.accounts(), x.potential(), y.potential(), x.workload(),
                    y.workload()));
        }
        Map<String, PlanningStore.AssignmentRow> ra = store.assignments(a.id, null);
        Map<String, PlanningStore.AssignmentRow> rb = store.assignments(b.id, null);
        List<AccountMove> moves = new ArrayList<>();
        long moved = 0;
        for (String account : new TreeSet<>(rb.keySet())) {
            String from = ra.containsKey(account) ? ra.get(account).territoryId() : null;
            String to = rb.get(account).territoryId();
            if (java.util.Objects.equals(from, to)
                    || !all && (from == null || to == null || !visibility.sees(from) || !visibility.sees(to))) {
                continue;
            }
            moved++;
            if (moves.size() < maxMoves) {
                moves.add(new AccountMove(account, from, to));
            }
        }
        return new Comparison(a.id, b.id, rows, moved, moves, visibility.conflictCount(a.id, null),
                visibility.conflictCount(b.id, null));
    }
}
