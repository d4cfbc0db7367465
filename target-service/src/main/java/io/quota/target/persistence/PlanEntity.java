package io.quota.target.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Row of table plans; calendar, drift policy and levels are JSON. */
@Entity
@Table(name = "plans")
public class PlanEntity {
    @Id
    public String id;
    public String name;
    @Column(name = "task_type")
    public String taskType;
    public String metric;
    public String unit;
    @Column(name = "period_start")
    public LocalDate periodStart;
    @Column(name = "period_end")
    public LocalDate periodEnd;
    @Column(name = "time_zone")
    public String timeZone;
    public BigDecimal total;
    public String calendar;
    @Column(name = "drift_policy")
    public String driftPolicy;
    public String levels;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    /** Bumped by every change of the plan or its versions, under a row lock; the ETag. */
    public long revision;
    @Column(name = "fiscal_year_start_month")
    public int fiscalYearStartMonth;
    @Column(name = "alert_levels")
    public String alertLevels;
    @Column(name = "total_basis")
    public String totalBasis;
    /** JSON of the "history x (1 + growth)" the total came from (V21), else null. */
    @Column(name = "total_from_history")
    public String totalFromHistory;
}
