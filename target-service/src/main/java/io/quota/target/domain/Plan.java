package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A plan (销售计划): a target for one metric over one period, its decomposition levels, work calendar and drift
 * policy, and its versions. The aggregate root: every rule about a plan and its versions is applied here.
 */
public final class Plan {
    public static final int MAX_YEARS = 5;
    public static final int MAX_CELLS = 100_000;
    public static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
    private static final Set<Dimension> SUPPORTED_DIMENSIONS = EnumSet.of(Dimension.TERRITORY, Dimension.TIME);

    private final String id;
    private final String name;
    private final TaskType taskType;
    private final Metric metric;
    private final Unit unit;
    private final Period period;
    private final ZoneId timeZone;
    private final WorkCalendar calendar;
    private final DriftPolicy driftPolicy;
    private final BigDecimal total;
    private final List<Level> levels;
    private final List<PlanVersion> versions;
    private final Instant createdAt;
    private final String createdBy;
    private final long revision;

    /** A plan just drafted, with the cells of its first version. */
    public record NewPlan(Plan plan, List<Cell> cells) {
    }

    private Plan(String id, String name, TaskType taskType, Metric metric, Unit unit, Period period, ZoneId timeZone,
                 WorkCalendar calendar, DriftPolicy driftPolicy, BigDecimal total, List<Level> levels,
                 List<PlanVersion> versions, Instant createdAt, String createdBy, long revision) {
        this.id = id;
        this.name = name;
        this.taskType = taskType;
        this.metric = metric;
        this.unit = unit;
        this.period = period;
        this.timeZone = timeZone;
        this.calendar = calendar;
        this.driftPolicy = driftPolicy;
        this.total = total;
        this.levels = List.copyOf(levels);
        this.versions = new ArrayList<>(versions);
        this.createdAt = createdAt;
        this.createdBy = createdBy;
        this.revision = revision;
    }

    /**
     * Drafts a plan: checks every rule, resolves the levels (TERRITORY members against the replica) and
     * decomposes the total into version 1's cells.
     */
    public static NewPlan create(PlanDraft d, TerritoryDirectory territories, String actor, Instant now) {
        String id = d.id() == null ? "PLAN-" + UUID.randomUUID() : d.id();
        if (!NodeKey.ID.matcher(id).matches()) {
            throw new PlanRuleViolation("id", "plan id must match " + NodeKey.ID.pattern());
        }
        if (d.name() == null || d.name().isBlank()) {
            throw new PlanRuleViolation("name", "a plan needs a name");
        }
        if (d.taskType() == null) {
            throw new PlanRuleViolation("taskType", "a plan is tagged with a task type");
        }
        if (d.metric() == null) {
            throw new PlanRuleViolation("metric", "a plan needs a metric");
        }
        if (d.metric().derived()) {
            throw new PlanRuleViolation("metric", d.metric() + " is a derived KPI (a ratio): it is never split,"
                    + " and plans of derived KPIs are not supported yet");
        }
        Unit unit;
        try {
            unit = Unit.of(d.unit());
        } catch (IllegalArgumentException e) {
            throw new PlanRuleViolation("unit", e.getMessage());
        }
        Period period = period(d.periodStart(), d.periodEnd());
        ZoneId zone;
        try {
            zone = ZoneId.of(Objects.requireNonNull(d.timeZone(), "timeZone"));
        } catch (DateTimeException | NullPointerException e) {
            throw new PlanRuleViolation("timeZone", "not a time zone id (like Asia/Shanghai): " + d.timeZone());
        }
        BigDecimal total = d.total();
        if (total == null || total.signum() < 0) {
            throw new PlanRuleViolation("total", "the total must be a decimal >= 0");
        }
        if (!unit.fits(total)) {
            throw new PlanRuleViolation("total", "the total has " + total.scale() + " decimals; " + unit.code()
                    + " allows " + unit.minorUnit());
        }
        WorkCalendar calendar = Calendars.checked(d.calendar());
        DriftPolicy driftPolicy = DriftPolicies.checked(d.driftPolicy());
        List<Level> levels = levels(d.levels(), period, territories);

        Plan plan = new Plan(id, d.name().strip(), d.taskType(), d.metric(), unit, period, zone, calendar, driftPolicy,
                unit.normalise(total), levels, List.of(), now, actor, 0);
        List<Cell> cells = plan.decompose();
        plan.versions.add(PlanVersion.draft(1, cells.size(), plan.total, actor, now));
        return new NewPlan(plan, cells);
    }

    public static Plan restore(String id, String name, TaskType taskType, Metric metric, Unit unit, Period period,
                               ZoneId timeZone, WorkCalendar calendar, DriftPolicy driftPolicy, BigDecimal total,
                               List<Level> levels, List<PlanVersion> versions, Instant createdAt, String createdBy,
                               long revision) {
        return new Plan(id, name, taskType, metric, unit, period, timeZone, calendar, driftPolicy, total, levels,
                versions, createdAt, createdBy, revision);
    }

    /** The cells the levels make of the total, ordered by cell key. */
    public List<Cell> decompose() {
        return Decomposition.cells(id, period, total, unit, levels);
    }

    public Optional<PlanVersion> version(int number) {
        return versions.stream().filter(v -> v.number() == number).findFirst();
    }

    /** The planner hands a draft version in for approval. */
    public PlanVersion submit(int number, String actor, Instant at) {
        PlanVersion v = existing(number);
        v.submit(actor, at);
        return v;
    }

    /** The approver publishes a submitted version. */
    public PlanVersion approve(int number, String actor, Instant at) {
        PlanVersion v = existing(number);
        v.approve(actor, at);
        return v;
    }

    private PlanVersion existing(int number) {
        return version(number).orElseThrow(() -> new NoSuchElementException("plan " + id + " has no version " + number));
    }

    private static Period period(LocalDate start, LocalDate end) {
        if (start == null) {
            throw new PlanRuleViolation("periodStart", "a plan needs a period start");
        }
        if (end == null) {
            throw new PlanRuleViolation("periodEnd", "a plan needs a period end");
        }
        if (start.isBefore(EARLIEST) || start.isAfter(LATEST)) {
            throw new PlanRuleViolation("periodStart", "must be between " + EARLIEST + " and " + LATEST);
        }
        if (end.isBefore(start)) {
            throw new PlanRuleViolation("periodEnd", "the period ends (" + end + ") before it starts (" + start + ")");
        }
        if (!end.isBefore(start.plusYears(MAX_YEARS))) {
            throw new PlanRuleViolation("periodEnd", "a plan period is at most " + MAX_YEARS + " years");
        }
        return new Period(start, end);
    }

    private static List<Level> levels(List<LevelDraft> drafts, Period period, TerritoryDirectory territories) {
        if (drafts == null || drafts.isEmpty()) {
            throw new PlanRuleViolation("levels", "a plan needs at least one level, and a TIME level");
        }
        List<Level> levels = new ArrayList<>();
        Set<Dimension> seen = EnumSet.noneOf(Dimension.class);
        long cells = 1;
        for (int i = 0; i < drafts.size(); i++) {
            String field = "levels[" + i + "]";
            LevelDraft draft = drafts.get(i);
            if (draft == null || draft.dimension() == null) {
                throw new PlanRuleViolation(field + ".dimension", "a level needs a dimension");
            }
            if (!SUPPORTED_DIMENSIONS.contains(draft.dimension())) {
                throw new PlanRuleViolation(field + ".dimension", draft.dimension()
                        + " levels are not supported yet; use TERRITORY or TIME");
            }
            if (!seen.add(draft.dimension())) {
                throw new PlanRuleViolation(field + ".dimension", "two levels on " + draft.dimension());
            }
            if (draft.method() == null) {
                throw new PlanRuleViolation(field + ".method", "a level needs an allocation method");
            }
            if (!draft.method().supported()) {
                throw new PlanRuleViolation(field + ".method", draft.method() + " is not supported yet; use EQUAL or WEIGHTS");
            }
            Level level;
            try {
                level = draft.dimension() == Dimension.TIME ? TimeLevel.resolve(draft, period)
                        : TerritoryLevel.resolve(draft, territories);
            } catch (PlanRuleViolation v) {
                throw v.under(field);
            }
            cells *= level.fanOut(period);
            if (cells > MAX_CELLS) {
                throw new PlanRuleViolation("levels", "the levels would make more than " + MAX_CELLS + " cells");
            }
            levels.add(level);
        }
        if (!seen.contains(Dimension.TIME)) {
            throw new PlanRuleViolation("levels", "a plan needs a TIME level (e.g. MONTH): cells are phased over time");
        }
        return levels;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public TaskType taskType() {
        return taskType;
    }

    public Metric metric() {
        return metric;
    }

    public Unit unit() {
        return unit;
    }

    public Period period() {
        return period;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    public WorkCalendar calendar() {
        return calendar;
    }

    public DriftPolicy driftPolicy() {
        return driftPolicy;
    }

    public BigDecimal total() {
        return total;
    }

    public List<Level> levels() {
        return levels;
    }

    public List<PlanVersion> versions() {
        return List.copyOf(versions);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    /** Counts the changes of the plan and its versions since it was drafted; the ETag, and the If-Match check. */
    public long revision() {
        return revision;
    }
}
