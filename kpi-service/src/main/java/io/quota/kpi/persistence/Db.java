package io.quota.kpi.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plain SQL on the service's datasource. Inside a JTA transaction every call uses the transaction's one
 * connection (Agroal enlists it), the same the outbox writes through, so effects and events commit together.
 * Used instead of JPQL because the rules here are SQL: commutative upserts, compare-and-set, SKIP LOCKED.
 */
@ApplicationScoped
public class Db {
    @Inject
    AgroalDataSource dataSource;

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceFailure(sql, e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepare(c, sql, params);
             ResultSet rs = ps.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.map(rs));
            }
            return result;
        } catch (SQLException e) {
            throw new PersistenceFailure(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        List<T> all = list(sql, row, params);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    /** Several rows in one statement: {@code unnest} of one array per column, each passed as text[] and cast. */
    public static String[] column(java.util.Collection<?> values) {
        String[] out = new String[values.size()];
        int i = 0;
        for (Object v : values) {
            out[i++] = v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString();
        }
        return out;
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                p = instant.atOffset(ZoneOffset.UTC);
            } else if (p instanceof Enum<?> e) {
                p = e.name();
            }
            // a null goes as an untyped parameter: PostgreSQL infers its type from where it is used
            ps.setObject(i + 1, p);
        }
        return ps;
    }

    /** A database error; unexpected, so it surfaces (and a consumer's record goes to its dead-letter topic). */
    public static class PersistenceFailure extends RuntimeException {
        PersistenceFailure(String sql, SQLException e) {
            super("database error (" + e.getSQLState() + "): " + e.getMessage(), e);
        }
    }
}
