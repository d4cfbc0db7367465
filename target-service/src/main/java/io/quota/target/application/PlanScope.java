package io.quota.target.application;

import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.target.domain.Territory;
import io.quota.target.domain.TerritoryDirectory;
import io.quota.target.persistence.CellStore;
import io.quota.target.persistence.TerritoryFilter;
import io.quota.target.persistence.TerritoryReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What of the plans the caller's token lets it see (DESIGN.md section 6). A scoped token (its territories claim)
 * sees the cells whose territory lies in one of its subtrees, found by walking the replica's parent links up
 * from the cell's territory (CallerScope.allows); a plan with no such cell does not exist for it (404, like a
 * missing one). A rep without the claim sees nothing; other roles without it see everything.
 */
@ApplicationScoped
public class PlanScope {
    @Inject
    CallerScope caller;
    @Inject
    TerritoryReplica replica;
    @Inject
    CellStore cells;

    /** The filter for a plan's cells; 404 exactly like a missing plan when none of its cells is in scope. */
    TerritoryFilter ofPlan(String planId) {
        if (caller.unrestricted()) {
            return TerritoryFilter.EVERY;
        }
        TerritoryFilter filter = among(cells.territories(planId));
        if (filter.nothing()) {
            throw ProblemException.notFound("plan", planId);
        }
        return filter;
    }

    /** The filter for lists of plans: the caller's territories among every one the replica knows. */
    TerritoryFilter ofLists() {
        return caller.unrestricted() ? TerritoryFilter.EVERY : among(replica.ids());
    }

    /**
     * The replica as the caller may use it to draft a plan: a territory outside its scope is unknown to it, so
     * naming one is refused like naming a missing one, and "every leaf" means every leaf in scope.
     */
    TerritoryDirectory directory() {
        if (caller.unrestricted()) {
            return replica;
        }
        return new TerritoryDirectory() {
            @Override
            public Map<String, Territory> find(Collection<String> ids) {
                TerritoryFilter filter = among(ids);
                return replica.find(ids).entrySet().stream().filter(e -> filter.admits(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            }

            @Override
            public List<String> targetCarrying() {
                List<String> leaves = replica.targetCarrying();
                TerritoryFilter filter = among(leaves);
                return leaves.stream().filter(filter::admits).toList();
            }
        };
    }

    private TerritoryFilter among(Collection<String> territories) {
        if (caller.roots().isEmpty()) {
            return TerritoryFilter.only(List.of()); // restricted without a claim: a rep that sees nothing
        }
        Map<String, List<String>> chains = replica.ancestorsAndSelf(territories);
        return TerritoryFilter.only(territories.stream()
                .filter(t -> caller.allows(t, id -> chains.getOrDefault(id, List.of(id))))
                .toList());
    }
}
