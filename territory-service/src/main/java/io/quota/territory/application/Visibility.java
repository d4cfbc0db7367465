package io.quota.territory.application;

import io.quota.platform.security.CallerScope;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;

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

    /** The roots lists are filtered by; null when the caller sees every territory (empty: none at all). */
    Collection<String> scopeRoots() {
        return caller.unrestricted() ? null : caller.roots();
    }

    boolean unrestricted() {
        return caller.unrestricted();
    }

    /** Whether the territory exists and lies inside the caller's scope. */
    boolean sees(String territoryId) {
        return caller.allows(territoryId, territories::ancestorsAndSelf);
    }
}
