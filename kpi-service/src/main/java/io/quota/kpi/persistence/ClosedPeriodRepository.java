package io.quota.kpi.persistence;

import io.quota.contracts.Metric;
import io.quota.kpi.domain.ClosedPeriod;
import io.quota.kpi.domain.DateRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ClosedPeriodRepository {
    private static final String COLUMNS = "id, metric, period_start, period_end, reason, closed_by, closed_at";

    @Inject
    Db db;

    /** A closed period as stored, with who closed it and when. */
    public record Row(ClosedPeriod period, String closedBy, Instant closedAt) {
    }

    public long insert(Metric metric, DateRange period, String reason, String closedBy) {
        return db.one("""
                        insert into closed_period (metric, period_start, period_end, reason, closed_by)
                        values (?, ?, ?, ?, ?) returning id""",
                rs -> rs.getLong(1), metric, period.from(), period.to(), reason, closedBy).orElseThrow();
    }

    public List<ClosedPeriod> all() {
        return db.list("select " + COLUMNS + " from closed_period order by id", rs -> row(rs).period());
    }

    public List<Row> page(int page, int size) {
        return db.list("select " + COLUMNS + " from closed_period order by id limit ? offset ?",
                ClosedPeriodRepository::row, size, (long) page * size);
    }

    public long count() {
        return db.one("select count(*) from closed_period", rs -> rs.getLong(1)).orElse(0L);
    }

    public Optional<Row> find(long id) {
        return db.one("select " + COLUMNS + " from closed_period where id = ?", ClosedPeriodRepository::row, id);
    }

    public boolean delete(long id) {
        return db.update("delete from closed_period where id = ?", id) == 1;
    }

    private static Row row(ResultSet rs) throws SQLException {
        String metric = rs.getString(2);
        return new Row(new ClosedPeriod(rs.getLong(1), metric == null ? null : Metric.valueOf(metric),
                new DateRange(rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class)), rs.getString(5)),
                rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant());
    }
}
