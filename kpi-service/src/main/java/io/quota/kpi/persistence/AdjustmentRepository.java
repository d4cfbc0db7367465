package io.quota.kpi.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Reads of the adjustments' audit trail (written by ingestion, IngestRepository.recordAdjustments). */
@ApplicationScoped
public class AdjustmentRepository {
    @Inject
    Db db;

    public record Adjustment(UUID eventId, String metric, String unit, BigDecimal value, LocalDate businessDate,
                             String territoryId, String accountId, long closedPeriodId, String source,
                             Instant recordedAt) {
    }

    public List<Adjustment> page(int page, int size) {
        return db.list("""
                        select event_id, metric, unit, value, business_date, territory_id, account_id, closed_period_id,
                               source, recorded_at
                        from adjustment_audit order by recorded_at desc, event_id limit ? offset ?""",
                rs -> new Adjustment(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getLong(8),
                        rs.getString(9), rs.getObject(10, OffsetDateTime.class).toInstant()), size, (long) page * size);
    }

    public long count() {
        return db.one("select count(*) from adjustment_audit", rs -> rs.getLong(1)).orElse(0L);
    }

    public long countFor(long closedPeriodId) {
        return db.one("select count(*) from adjustment_audit where closed_period_id = ?", rs -> rs.getLong(1),
                closedPeriodId).orElse(0L);
    }
}
