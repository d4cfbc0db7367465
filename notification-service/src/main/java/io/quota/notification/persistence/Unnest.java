package io.quota.notification.persistence;

import jakarta.persistence.Query;

import java.util.List;

/**
 * A whole batch as one array per column, spread into rows by {@code unnest}: the statement's text is the same
 * whatever the batch size, so Hibernate and the driver parse and plan it once instead of once per batch (a
 * multi-row VALUES list of thousands of parameters cost more to parse than to run).
 */
final class Unnest {
    private Unnest() {
    }

    /** {@code unnest(cast(?1 as uuid[]), cast(?2 as varchar[]), ...)} for columns of the given types, from ?1 on. */
    static String of(String... types) {
        StringBuilder sql = new StringBuilder("unnest(");
        for (int c = 0; c < types.length; c++) {
            sql.append(c == 0 ? "" : ", ").append("cast(?").append(c + 1).append(" as ").append(types[c]).append("[])");
        }
        return sql.append(')').toString();
    }

    /**
     * Binds column c of every row as parameter c + 1, a text array the statement casts to the column's type
     * (each value's toString: ISO-8601 instants, UUIDs, numbers; null stays null).
     */
    static Query bind(Query query, List<Object[]> rows, int columns) {
        for (int c = 0; c < columns; c++) {
            String[] column = new String[rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                Object value = rows.get(r)[c];
                column[r] = value == null ? null : value.toString();
            }
            query.setParameter(c + 1, column);
        }
        return query;
    }
}
