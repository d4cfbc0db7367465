package io.quota.kpi.persistence;

import java.util.Collection;

/**
 * A caller's territory scope in SQL: the subtrees (by the replica's parent links) of the roots its token names.
 * The same territories as walking each one up to a root (CallerScope.allows); a set is what lists and roll-ups
 * filter by. Methods take the roots as a collection; null means no restriction.
 */
final class ScopeSql {
    /** A common table expression {@code scope(id)}; its one parameter is {@link #roots}. */
    static final String CTE = """
            scope(id) as (
                select unnest(cast(? as text[]))
                union
                select t.territory_id from territory t join scope on t.parent_id = scope.id)
            """;

    static String[] roots(Collection<String> roots) {
        return roots.toArray(new String[0]);
    }

    private ScopeSql() {
    }
}
