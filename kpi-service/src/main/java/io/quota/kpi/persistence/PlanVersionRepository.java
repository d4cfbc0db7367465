package io.quota.kpi.persistence;

import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.WorkCalendar;
import io.quota.kpi.domain.DateRange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class PlanVersionRepository {
    private static final String COLUMNS = """
            plan_id, version, metric, unit, period_start, period_end, time_zone, calendar::text, drift_policy::text,
            cell_count, published, arrived, status, fiscal_start_month""";

    @Inject
    Db db;

    /**
     * Serialises every change of one plan's versions (cells, header, activation) across consumers and
     * instances; taken first in each such transaction, so no two of them can deadlock on version rows.
     */
    public void lockPlan(String planId) {
        db.list("select pg_advisory_xact_lock(hashtext(?))", rs -> 1, "plan:" + planId);
    }

    /** Creates the version's row if missing (a cell may arrive before the header). */
    public void ensure(String planId, int version) {
        db.update("insert into plan_version (plan_id, version) values (?, ?) on conflict do nothing", planId, version);
    }

    public void storeHeader(PlanPublished p) {
        db.update("""
                        insert into plan_version (plan_id, version, name, metric, unit, period_start, period_end, time_zone,
                                                  calendar, drift_policy, cell_count, published, alert_levels,
                                                  fiscal_start_month)
                        values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, true, cast(? as jsonb), ?)
                        on conflict (plan_id, version) do update set name = excluded.name, metric = excluded.metric,
                            unit = excluded.unit, period_start = excluded.period_start, period_end = excluded.period_end,
                            time_zone = excluded.time_zone, calendar = excluded.calendar,
                            drift_policy = excluded.drift_policy, cell_count = excluded.cell_count, published = true,
                            alert_levels = excluded.alert_levels, fiscal_start_month = excluded.fiscal_start_month""",
                p.planId(), p.version(), p.name(), p.metric(), p.unit(), p.periodStart(), p.periodEnd(), p.timeZone(),
                EventJson.write(p.calendar() == null ? WorkCalendar.mondayToFriday() : p.calendar()),
                EventJson.write(p.driftPolicy() == null ? DriftPolicy.defaults() : p.driftPolicy()), p.cellCount(),
                EventJson.write(p.effectiveAlertLevels()), p.fiscalYearStartMonth());
    }

    /** The levels a version's drift and AttainmentChanged are evaluated at (the defaults when it names none). */
    public List<String> alertLevels(String planId, int version) {
        String json = db.one("select alert_levels::text from plan_version where plan_id = ? and version = ?",
                rs -> rs.getString(1), planId, version).orElse(null);
        if (json == null) {
            return PlanPublished.DEFAULT_ALERT_LEVELS;
        }
        try {
            return List.of(EventJson.MAPPER.readValue(json, String[].class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void countArrivedCell(String planId, int version) {
        db.update("update plan_version set arrived = arrived + 1 where plan_id = ? and version = ?", planId, version);
    }

    public Optional<PlanVersionRow> find(String planId, int version) {
        return db.one("select " + COLUMNS + " from plan_version where plan_id = ? and version = ?", this::row,
                planId, version);
    }

    public Optional<PlanVersionRow> active(String planId) {
        return db.one("select " + COLUMNS + " from plan_version where plan_id = ? and status = 'ACTIVE'", this::row,
                planId);
    }

    public List<PlanVersionRow> allActive() {
        return db.list("select " + COLUMNS + " from plan_version where status = 'ACTIVE' order by plan_id", this::row);
    }

    /** Active versions counting the metric on that business date. */
    public List<PlanVersionRow> activeFor(Metric metric, LocalDate businessDate) {
        return db.list("select " + COLUMNS + " " + """
                 from plan_version where status = 'ACTIVE' and metric = ? and ? between period_start and period_end
                 order by plan_id""", this::row, metric, businessDate);
    }

    /** The newest superseded version older than the given one: what a withdrawal falls back to. */
    public Optional<PlanVersionRow> latestSupersededBefore(String planId, int version) {
        return db.one("select " + COLUMNS + " " + """
                 from plan_version where plan_id = ? and version < ? and status = 'SUPERSEDED'
                 order by version desc limit 1""", this::row, planId, version);
    }

    public void setStatus(String planId, int version, PlanStatus status) {
        db.update("""
                        update plan_version set status = ?,
                            activated_at = case when ? = 'ACTIVE' then now() else activated_at end
                        where plan_id = ? and version = ?""",
                status, status, planId, version);
    }

    /** A pending version past the alert time, with how far it got. */
    public record Overdue(String planId, int version, boolean published, int arrived, Integer cellCount) {
    }

    private static final String OVERDUE = """
            status = 'PENDING' and (not published or cell_count is null or arrived < cell_count)
              and first_seen_at < now() - cast(? as interval)""";

    public long countOverdueIncomplete(java.time.Duration after) {
        return db.one("select count(*) from plan_version where " + OVERDUE, rs -> rs.getLong(1),
                after.toMillis() + " milliseconds").orElse(0L);
    }

    /** Marks (and returns) overdue versions not alerted yet, so each raises its alert once. */
    public List<Overdue> markOverdueIncomplete(java.time.Duration after) {
        return db.list("update plan_version set incomplete_alerted_at = now() where incomplete_alerted_at is null and "
                        + OVERDUE + " returning plan_id, version, published, arrived, cell_count",
                rs -> new Overdue(rs.getString(1), rs.getInt(2), rs.getBoolean(3), rs.getInt(4),
                        rs.getObject(5, Integer.class)), after.toMillis() + " milliseconds");
    }

    private PlanVersionRow row(ResultSet rs) throws SQLException {
        String metric = rs.getString(3);
        LocalDate start = rs.getObject(5, LocalDate.class);
        LocalDate end = rs.getObject(6, LocalDate.class);
        Integer cellCount = rs.getObject(10, Integer.class);
        return new PlanVersionRow(rs.getString(1), rs.getInt(2), metric == null ? null : Metric.valueOf(metric),
                rs.getString(4), start == null || end == null ? null : new DateRange(start, end), rs.getString(7),
                json(rs.getString(8), WorkCalendar.class), json(rs.getString(9), DriftPolicy.class),
                cellCount, rs.getBoolean(11), rs.getInt(12), PlanStatus.valueOf(rs.getString(13)),
                rs.getObject(14, Integer.class));
    }

    private static <T> T json(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
