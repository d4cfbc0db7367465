package io.quota.target.persistence;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which territories' cells a query may see: every one (an unrestricted caller, or publishing), or only those in a
 * caller's scope. A cell without a territory member is inside no scope.
 */
public final class TerritoryFilter {
    public static final TerritoryFilter EVERY = new TerritoryFilter(null);

    private final Set<String> territories;

    private TerritoryFilter(Set<String> territories) {
        this.territories = territories;
    }

    public static TerritoryFilter only(Collection<String> territories) {
        return new TerritoryFilter(new TreeSet<>(territories));
    }

    public boolean restricted() {
        return territories != null;
    }

    /** True when restricted to no territory at all: such a caller sees no cell. */
    public boolean nothing() {
        return territories != null && territories.isEmpty();
    }

    public boolean admits(String territory) {
        return territories == null || (territory != null && territories.contains(territory));
    }

    /** The SQL parameter of {@link #CONDITION}: null (no restriction) or the territories as a text[]. */
    Object parameter() {
        return territories == null ? null : territories.toArray(String[]::new);
    }

    /** Filters rows of table cells; binds {@link #parameter()} twice. */
    static final String CONDITION = "(?::text[] is null or territory = any(?::text[]))";
}
