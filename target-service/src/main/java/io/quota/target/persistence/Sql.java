package io.quota.target.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain SQL on the current transaction's connection, for what JPA does poorly: upserts, batch inserts,
 * aggregates. Nulls are bound untyped so PostgreSQL infers the column's type.
 */
@ApplicationScoped
public class Sql {
    @Inject
    EntityManager em;

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... params) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                return ps.executeUpdate();
            }
        });
    }

    public <T> List<T> query(String sql, Row<T> row, Object... params) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> rows = new ArrayList<>();
                    while (rs.next()) {
                        rows.add(row.map(rs));
                    }
                    return rows;
                }
            }
        });
    }

    /** Reads rows one at a time with a server-side cursor ({@code fetchSize} per round trip): constant memory. */
    public void stream(String sql, int fetchSize, RowConsumer each, Object... params) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(fetchSize);
                bind(c, ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(rs);
                    }
                }
            }
        });
    }

    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Work on the transaction's JDBC connection itself (e.g. the PostgreSQL COPY API). */
    public <T> T withConnection(org.hibernate.jdbc.ReturningWork<T> work) {
        return session().doReturningWork(work);
    }

    public long count(String sql, Object... params) {
        return query(sql, rs -> rs.getLong(1), params).get(0);
    }

    /** JPA changes reach the database before plain SQL that depends on them (e.g. a foreign key). */
    public void flush() {
        em.flush();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private Session session() {
        return em.unwrap(Session.class);
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                ps.setNull(i + 1, Types.OTHER);
            } else if (p instanceof Instant instant) {
                ps.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            } else if (p instanceof java.time.LocalDate date) {
                ps.setObject(i + 1, date);
            } else if (p instanceof String[] texts) {
                ps.setArray(i + 1, c.createArrayOf("text", texts));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }
}
