package io.quota.contracts.events;

import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.TaskType;
import io.quota.contracts.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A plan version was approved; its cellCount TargetAllocated events follow on quota.targets.v1.
 *
 * @param fiscalYearStartMonth the month (1-12) the plan's fiscal year starts in, which fixes its fiscal quarters and
 *                             years; null from producers that predate it (readers then take the month periodStart
 *                             falls in)
 */
public record PlanPublished(UUID eventId, Instant occurredAt, int schemaVersion, String planId, int version,
                            String name, TaskType taskType, Metric metric, String unit, LocalDate periodStart,
                            LocalDate periodEnd, String timeZone, WorkCalendar calendar, DriftPolicy driftPolicy,
                            int cellCount, BigDecimal total, List<String> alertLevels, Integer fiscalYearStartMonth)
        implements QuotaEvent {
    /** Node levels evaluated for drift when a plan names none (DESIGN.md section 4, issue 6). */
    public static final List<String> DEFAULT_ALERT_LEVELS = List.of("cell", "territory,month", "region,quarter");

    /** A plan whose fiscal year start is not given (an older producer's). */
    public PlanPublished(UUID eventId, Instant occurredAt, int schemaVersion, String planId, int version, String name,
                         TaskType taskType, Metric metric, String unit, LocalDate periodStart, LocalDate periodEnd,
                         String timeZone, WorkCalendar calendar, DriftPolicy driftPolicy, int cellCount,
                         BigDecimal total, List<String> alertLevels) {
        this(eventId, occurredAt, schemaVersion, planId, version, name, taskType, metric, unit, periodStart, periodEnd,
                timeZone, calendar, driftPolicy, cellCount, total, alertLevels, null);
    }

    /** A plan that names no alert levels: the defaults apply. */
    public PlanPublished(UUID eventId, Instant occurredAt, int schemaVersion, String planId, int version, String name,
                         TaskType taskType, Metric metric, String unit, LocalDate periodStart, LocalDate periodEnd,
                         String timeZone, WorkCalendar calendar, DriftPolicy driftPolicy, int cellCount,
                         BigDecimal total) {
        this(eventId, occurredAt, schemaVersion, planId, version, name, taskType, metric, unit, periodStart, periodEnd,
                timeZone, calendar, driftPolicy, cellCount, total, null, null);
    }

    /** The fiscal year's first month: as given, else the month the plan's period starts in. */
    public int effectiveFiscalYearStartMonth() {
        return fiscalYearStartMonth != null ? fiscalYearStartMonth : periodStart.getMonthValue();
    }

    /** The alert levels this plan names, or the defaults. */
    public List<String> effectiveAlertLevels() {
        return alertLevels == null || alertLevels.isEmpty() ? DEFAULT_ALERT_LEVELS : alertLevels;
    }

    @Override
    public String key() {
        return planId;
    }

    @Override
    public String topic() {
        return Topics.PLANS;
    }
}
