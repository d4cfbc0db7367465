package io.quota.notification.domain;

import java.util.List;
import java.util.Set;

/**
 * The territory subtrees someone may hear about, named by their roots. {@link #EVERYWHERE} is no restriction; an
 * empty set of roots (a rep whose token names no territory) covers nothing territory-bound, and a node that names
 * no territory (a roll-up across territories) is covered only by EVERYWHERE.
 */
public record TerritoryScope(Set<String> roots) {
    public static final TerritoryScope EVERYWHERE = new TerritoryScope(null);

    public TerritoryScope {
        roots = roots == null ? null : Set.copyOf(roots);
    }

    public static TerritoryScope of(List<String> roots) {
        return roots == null ? EVERYWHERE : new TerritoryScope(Set.copyOf(roots));
    }

    public boolean unrestricted() {
        return roots == null;
    }

    /**
     * Whether a node lies inside: {@code ancestorsAndSelf} is the node's territory, its parent, grandparent... up to
     * the root of its tree, empty when the node names no territory.
     */
    public boolean covers(List<String> ancestorsAndSelf) {
        return roots == null || ancestorsAndSelf.stream().anyMatch(roots::contains);
    }
}
