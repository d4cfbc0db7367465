package io.quota.notification.persistence;

import jakarta.persistence.Query;

import java.util.List;

/**
 * A multi-row {@code VALUES} list of positional parameters, each cast to its column's type (so a null still has
 * one), for statements that write a whole batch in one round trip.
 */
final class ValuesList {
    /** Rows per statement: far below PostgreSQL's 65,535 parameters for every table here. */
    static final int CHUNK = 1000;

    private ValuesList() {
    }

    /** {@code (cast(?1 as uuid), ...), (...)} for {@code rows} rows of the given column types. */
    static String of(int rows, String... types) {
        StringBuilder sql = new StringBuilder(rows * types.length * 20);
        int p = 1;
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "(" : ", (");
            for (int c = 0; c < types.length; c++) {
                sql.append(c == 0 ? "" : ", ").append("cast(?").append(p++).append(" as ").append(types[c]).append(')');
            }
            sql.append(')');
        }
        return sql.toString();
    }

    /** Binds the rows' values in order, matching {@link #of}. */
    static Query bind(Query query, List<Object[]> rows) {
        int p = 1;
        for (Object[] row : rows) {
            for (Object value : row) {
                query.setParameter(p++, value);
            }
        }
        return query;
    }
}
