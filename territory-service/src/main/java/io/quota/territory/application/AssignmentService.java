package io.quota.territory.application;

import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.platform.outbox.Outbox;
import io.quota.territory.domain.assignments.AccountHistory;
import io.quota.territory.domain.rules.AccountProfile;
import io.quota.territory.domain.rules.Assignment;
import io.quota.territory.domain.rules.RuleEngine;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.Repositories;
import io.quota.territory.persistence.TerritoryModelEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps each model's derived assignment equal to what its rules say, and the ACTIVE model's consequences
 * published: each account whose territory moves gets its whole history as AccountAssignmentChanged, and each
 * territory whose potential moves (with its ancestors) a TerritoryChanged, in the transaction of the change.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AssignmentService {
    @Inject
    PlanningStore store;
    @Inject
    Conditions conditions;
    @Inject
    Repositories.Models models;
    @Inject
    Outbox outbox;
    @Inject
    TerritoryEvents territoryEvents;
    @Inject
    EntityManager em;

    /** What one re-derivation changed. */
    public record Outcome(int accounts, int changed, long orphans, long overlaps) {
    }

    /** Where a re-derivation's time goes (nanoseconds), for benchmarks and logs. */
    public static final class Phases {
        public long read;
        public long derive;
        public long write;
    }

    public RuleEngine engine(String modelId) {
        return RuleEngine.of(store.assigningRules(modelId).stream().map(conditions::rule).toList());
    }

    /** Re-derives every active account's territory in the model. */
    public Outcome reassignModel(TerritoryModelEntity model, Instant at, LocalDate day) {
        return reassignModel(model, at, day, new Phases());
    }

    public Outcome reassignModel(TerritoryModelEntity model, Instant at, LocalDate day, Phases phases) {
        long t0 = System.nanoTime();
        List<AccountProfile> profiles = store.activeAccountProfiles();
        RuleEngine engine = engine(model.id);
        Map<String, PlanningStore.AssignmentRow> stored = store.assignments(model.id, null);
        long t1 = System.nanoTime();
        List<Assignment> derived = engine.assignAll(profiles);
        long t2 = System.nanoTime();
        int changed = record(model, derived, stored, at, day);
        long t3 = System.nanoTime();
        phases.read += t1 - t0;
        phases.derive += t2 - t1;
        phases.write += t3 - t2;
        // every active account has its row now (the others' were deleted), so the derived list is the whole model
        long orphans = derived.stream().filter(a -> a.outcome() == Assignment.Outcome.ORPHAN).count();
        long overlaps = derived.stream().filter(a -> a.outcome() == Assignment.Outcome.OVERLAP).count();
        return new Outcome(profiles.size(), changed, orphans, overlaps);
    }

    /** Re-derives some accounts (created, moved, deactivated) in every model that is not archived. */
    public void reassignAccounts(Collection<String> accountIds, Instant at, LocalDate day) {
        List<AccountProfile> profiles = store.accountProfiles(accountIds);
        for (TerritoryModelEntity model : models.list("status <> ?1", "ARCHIVED")) {
            List<Assignment> derived = engine(model.id).assignAll(profiles);
            record(model, derived, store.assignments(model.id, accountIds), at, day);
        }
    }

    /** Writes only what differs from the stored rows: new accounts, changed ones, and rows of accounts gone. */
    private int record(TerritoryModelEntity model, List<Assignment> derived,
                       Map<String, PlanningStore.AssignmentRow> stored, Instant at, LocalDate day) {
        List<Assignment> added = new ArrayList<>();
        List<Assignment> changed = new ArrayList<>();
        int kept = 0;
        for (Assignment a : derived) {
            PlanningStore.AssignmentRow row = stored.get(a.accountId());
            if (row == null) {
                added.add(a);
            } else if (!same(row, a)) {
                changed.add(a);
            } else {
                kept++;
            }
        }
        List<String> gone = List.of();
        if (kept + changed.size() < stored.size()) { // some stored rows belong to accounts no longer derived
            Set<String> derivedIds = new HashSet<>();
            derived.forEach(a -> derivedIds.add(a.accountId()));
            gone = stored.keySet().stream().filter(id -> !derivedIds.contains(id)).toList();
        }
        store.writeAssignments(model.id, added, changed);
        store.deleteAssignments(model.id, gone);
        int moved = added.size() + changed.size() + gone.size();
        if (moved > 0) {
            em.lock(model, LockModeType.OPTIMISTIC_FORCE_INCREMENT); // a proposal computed before is now stale
            if ("ACTIVE".equals(model.status)) {
                Map<String, PlanningStore.AssignmentRow> holders = new HashMap<>();
                for (List<Assignment> list : List.of(added, changed)) {
                    list.forEach(a -> holders.put(a.accountId(), new PlanningStore.AssignmentRow(a.accountId(),
                            a.outcome().name(), a.territoryId(), a.candidates(), a.priority())));
                }
                gone.forEach(id -> holders.put(id, null));
                followActive(holders, at, day);
            }
        }
        return moved;
    }

    /**
     * The ACTIVE model derived these accounts' assignments (null: the account left assignment, e.g. inactive) from
     * {@code day}: rewrite their histories from that day and publish what moved. An account the rules cannot place
     * (ORPHAN, OVERLAP) has no territory from that day, and its event says why ({@code conflict}), so no consumer
     * mistakes it for a silent end; the territories it overlaps between are published with their overlap counts.
     * The accounts' AccountAssignmentChanged events go out through ONE outbox row that the relay expands
     * ({@link AccountChangesExpander}): an activation moves up to every account, and a million outbox rows would be
     * most of its time.
     */
    public void followActive(Map<String, PlanningStore.AssignmentRow> holders, Instant at, LocalDate day) {
        Map<String, List<AccountHistory.Span>> histories = store.histories(holders.keySet());
        List<PlanningStore.HistoryWrite> writes = new ArrayList<>();
        Set<String> touched = new LinkedHashSet<>();
        for (Map.Entry<String, PlanningStore.AssignmentRow> e : holders.entrySet()) {
            PlanningStore.AssignmentRow row = e.getValue();
            String territory = row == null ? null : row.territoryId();
            ConflictEvents.Conflict conflict = row == null || "ASSIGNED".equals(row.outcome()) ? null
                    : new ConflictEvents.Conflict(row.outcome(), row.candidates(), day);
            List<AccountHistory.Span> before = histories.get(e.getKey());
            List<AccountHistory.Span> after = AccountHistory.reassign(before == null ? List.of() : before, territory, day);
            if (after.equals(before == null ? List.of() : before) && conflict == null) {
                continue;
            }
            if (before != null) {
                before.stream().filter(s -> s.to() == null || s.to().isAfter(day)).forEach(s -> touched.add(s.territoryId()));
            }
            if (territory != null) {
                touched.add(territory);
            }
            if (conflict != null) {
                touched.addAll(conflict.candidates());
            }
            writes.add(new PlanningStore.HistoryWrite(e.getKey(), after, conflict, before != null));
        }
        if (!writes.isEmpty()) {
            UUID changeId = UUID.randomUUID();
            store.saveHistories(changeId, writes);
            outbox.publishExpansion(AccountChangesExpander.NAME, changeId.toString(), AccountChangesExpander.payload(changeId, at,
                    writes.stream().map(PlanningStore.HistoryWrite::accountId).toList()));
        }
        territoryEvents.publishWithAncestors(touched, at, day);
    }

    private static boolean same(PlanningStore.AssignmentRow row, Assignment a) {
        return row != null && row.outcome().equals(a.outcome().name()) && Objects.equals(row.territoryId(), a.territoryId())
                && row.candidates().equals(a.candidates()) && row.priority() == a.priority();
    }
}
