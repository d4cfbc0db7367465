package io.quota.territory.persistence;

import io.quota.contracts.NodeKey;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A caller's territory scope in SQL: the subtrees of the roots its token names, by this service's own parent
 * links. The same territories as walking each one up to its root (CallerScope.allows); lists filter by the set.
 */
final class ScopeSql {
    /** A common table expression {@code scope(id)}; it takes the named parameter {@code :scopeRoots}. */
    static final String CTE = """
            with recursive scope (id) as (
                select unnest(string_to_array(cast(:scopeRoots as text), ','))
                union
                select t.id from territory t join scope s on t.parent_id = s.id
            )
            """;

    /**
     * The roots as one comma-separated parameter. Only well-formed ids take part: a comma cannot occur in one, so
     * no claim value can split into several roots and widen the scope.
     */
    static String roots(Collection<String> roots) {
        return roots.stream().filter(r -> r != null && NodeKey.ID.matcher(r).matches()).distinct()
                .collect(Collectors.joining(","));
    }

    private ScopeSql() {
    }
}
