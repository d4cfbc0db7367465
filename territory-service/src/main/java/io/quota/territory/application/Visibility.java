package io.quota.territory.application;

import io.quota.platform.security.CallerScope;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;

/**
 * Which territories the caller may see (DESIGN.md section 6): the subtrees its token's {@code territories} claim
 * names, walked in this service's own tree. A territory outside them is answered exactly like a missing one.
 */
@ApplicationScoped
public class Visibility {
    @Inject
    CallerScope caller;
    @Inject
    TerritoryRepository territories;
    @Inject
    PlanningStore store;

    /** The roots lists are filtered by; null when the caller sees every territory (empty: none at all). */
    Collection<String> scopeRoots() {
        return caller.unrestricted() ? null : caller.roots();
    }

    boolean unrestricted() {
        return caller.unrestricted();
    }

    /**
     * Territory models and their rules span every territory: only a caller without a territory scope changes them.
     */
    void requireUnrestricted(String what) {
        if (!caller.unrestricted()) {
            throw new io.quota.platform.problem.ProblemException(403, "Forbidden", "a " + what
                    + " spans every territory: only a caller without a territory scope changes it", null);
        }
    }

    /** Whether the territory exists and lies inside the caller's scope. */
    boolean sees(String territoryId) {
        return caller.allows(territoryId, territories::ancestorsAndSelf);
    }

    /**
     * A scoped caller's conflicts of a model: the overlaps whose candidate territories all lie inside its scope (an
     * orphan lies in no territory, so in nobody's scope). Only for a caller with a scope.
     */
    List<PlanningStore.AssignmentRow> scopedConflicts(String modelId, String outcome) {
        return "ORPHAN".equals(outcome) ? List.of() : store.conflicts(modelId, "OVERLAP", 0, 100_000).stream()
                .filter(r -> r.candidates().stream().allMatch(this::sees)).toList();
    }

    /** How many conflicts of a model the caller sees (all of them without a scope). */
    long conflictCount(String modelId, String outcome) {
        return unrestricted() ? store.countConflicts(modelId, outcome) : scopedConflicts(modelId, outcome).size();
    }
}
