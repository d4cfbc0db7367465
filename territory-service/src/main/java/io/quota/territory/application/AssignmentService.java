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

    public RuleEngine engine(String modelId) {
        return RuleEngine.of(store.assigningRules(modelId).stream().map(conditions::rule).toList());
    }

    /** Re-derives every active account's territory in the model. */
    public Outcome reassignModel(TerritoryModelEntity model, Instant at, LocalDate day) {
        List<AccountProfile> profiles = store.activeAccountProfiles();
        List<Assignment> derived = engine(model.id).assignAll(profiles);
        Map<String, PlanningStore.AssignmentRow> stored = store.assignments(model.id, null);
        int changed = record(model, derived, stored, at, day);
        return new Outcome(profiles.size(), changed, store.countConflicts(model.id, "ORPHAN"),
                store.countConflicts(model.id, "OVERLAP"));
    }

    /** Re-derives some accounts (created, moved, deactivated) in every model that is not archived. */
    public void reassignAccounts(Collection<String> accountIds, Instant at, LocalDate day) {
        List<AccountProfile> profiles = store.accountProfiles(accountIds);
        for (TerritoryModelEntity model : models.list("status <> ?1", "ARCHIVED")) {
            List<Assignment> derived = engine(model.id).assignAll(profiles);
            record(model, derived, store.assignments(model.id, accountIds), at, day);
        }
    }

    private int record(TerritoryModelEntity model, List<Assignment> derived,
                       Map<String, PlanningStore.AssignmentRow> stored, Instant at, LocalDate day) {
        List<Assignment> changed = new ArrayList<>();
        Set<String> gone = new HashSet<>(stored.keySet());
        for (Assignment a : derived) {
            gone.remove(a.accountId());
            if (!same(stored.get(a.accountId()), a)) {
                changed.add(a);
            }
        }
        store.upsertAssignments(model.id, changed);
        store.deleteAssignments(model.id, gone);
        if (!changed.isEmpty() || !gone.isEmpty()) {
            em.lock(model, LockModeType.OPTIMISTIC_FORCE_INCREMENT); // a proposal computed before is now stale
            if ("ACTIVE".equals(model.status)) {
                Map<String, PlanningStore.AssignmentRow> holders = new java.util.HashMap<>();
                changed.forEach(a -> holders.put(a.accountId(), new PlanningStore.AssignmentRow(a.accountId(),
                        a.outcome().name(), a.territoryId(), a.candidates(), a.priority())));
                gone.forEach(id -> holders.put(id, null));
                followActive(holders, at, day);
            }
        }
        return changed.size() + gone.size();
    }

    /**
     * The ACTIVE model derived these accounts' assignments (null: the account left assignment, e.g. inactive) from
     * {@code day}: rewrite their histories from that day and publish what moved. An account the rules cannot place
     * (ORPHAN, OVERLAP) has no territory from that day, and its event says why ({@code conflict}), so no consumer
     * mistakes it for a silent end; the territories it overlaps between are published with their overlap counts.
     */
    public void followActive(Map<String, PlanningStore.AssignmentRow> holders, Instant at, LocalDate day) {
        Map<String, List<AccountHistory.Span>> histories = store.histories(holders.keySet());
        Map<String, List<AccountHistory.Span>> rewritten = new java.util.HashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        for (Map.Entry<String, PlanningStore.AssignmentRow> e : holders.entrySet()) {
            PlanningStore.AssignmentRow row = e.getValue();
            String territory = row == null ? null : row.territoryId();
            ConflictEvents.Conflict conflict = row == null || "ASSIGNED".equals(row.outcome()) ? null
                    : new ConflictEvents.Conflict(row.outcome(), row.candidates(), day);
            List<AccountHistory.Span> before = histories.getOrDefault(e.getKey(), List.of());
            List<AccountHistory.Span> after = AccountHistory.reassign(before, territory, day);
            if (after.equals(before) && conflict == null) {
                continue;
            }
            if (!after.equals(before)) {
                rewritten.put(e.getKey(), after);
            }
            before.stream().filter(s -> s.to() == null || s.to().isAfter(day)).forEach(s -> touched.add(s.territoryId()));
            if (territory != null) {
                touched.add(territory);
            }
            if (conflict != null) {
                touched.addAll(conflict.candidates());
            }
            outbox.publish(new ConflictEvents.AccountAssignment(UUID.randomUUID(), at, 1, e.getKey(),
                    after.stream().map(s -> new AccountAssignmentChanged.Span(s.territoryId(), s.from(), s.to()))
                            .toList(), conflict));
        }
        store.saveHistories(rewritten);
        territoryEvents.publishWithAncestors(touched, at, day);
    }

    private static boolean same(PlanningStore.AssignmentRow row, Assignment a) {
        return row != null && row.outcome().equals(a.outcome().name()) && Objects.equals(row.territoryId(), a.territoryId())
                && row.candidates().equals(a.candidates()) && row.priority() == a.priority();
    }
}
