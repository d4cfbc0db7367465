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
    /** The default cap on a plan's cells (configurable: quota.target.max-cells). */
    public static final long MAX_CELLS = 5_000_000;
    public static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

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
    private final int fiscalYearStartMonth;
    private final List<String> alertLevels;
    private final String totalBasis;
    private final PlanDraft.HistoryTotal totalFromHistory;

    /** A plan just drafted; its first version's cells stream from {@link Plan#decomposition()}. */
    public record NewPlan(Plan plan) {
        /** Every cell in cell-key order (memory grows with the cells: small plans and tests). */
        public List<Cell> cells() {
            return plan.decompose();
        }
    }

    private Plan(String id, String name, TaskType taskType, Metric metric, Unit unit, Period period, ZoneId timeZone,
                 WorkCalendar calendar, DriftPolicy driftPolicy, BigDecimal total, List<Level> levels,
                 List<PlanVersion> versions, Instant createdAt, String createdBy, long revision,
                 int fiscalYearStartMonth, List<String> alertLevels, String totalBasis,
                 PlanDraft.HistoryTotal totalFromHistory) {
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
        this.fiscalYearStartMonth = fiscalYearStartMonth;
        this.alertLevels = alertLevels == null ? null : List.copyOf(alertLevels);
        this.totalBasis = totalBasis;
        this.totalFromHistory = totalFromHistory;
    }

    /** Drafts a plan against a territory directory only (no profiles, no actuals), with the default cell cap. */
    public static NewPlan create(PlanDraft d, TerritoryDirectory territories, String actor, Instant now) {
        return create(d, PlanningData.of(territories), actor, now, MAX_CELLS);
    }

    /**
     * Drafts a plan: checks every rule, resolves the levels (members against the replica, weights from profiles,
     * prior actuals or potential) and counts its cells against {@code maxCells}. Rules that hold per parent (MANUAL
     * sums, pins) are checked while the cells stream, so a store writing them must do it in one transaction.
     */
    public static NewPlan create(PlanDraft d, PlanningData data, String actor, Instant now, long maxCells) {
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
        Unit unit;
        try {
            unit = Unit.of(d.unit());
        } catch (IllegalArgumentException e) {
            throw new PlanRuleViolation("unit", e.getMessage());
        }
        int fiscalStart = d.fiscalYearStartMonth() == null ? 1 : d.fiscalYearStartMonth();
        if (fiscalStart < 1 || fiscalStart > 12) {
            throw new PlanRuleViolation("fiscalYearStartMonth", "a month 1..12");
        }
        Period period;
        if (d.period() != null) {
            if (d.periodStart() != null || d.periodEnd() != null) {
                throw new PlanRuleViolation("period", "give period or periodStart/periodEnd, not both");
            }
            period = PeriodSpec.parse(d.period(), fiscalStart);
            period(period.start(), period.end());
        } else {
            period = period(d.periodStart(), d.periodEnd());
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(Objects.requireNonNull(d.timeZone(), "timeZone"));
        } catch (DateTimeException | NullPointerException e) {
            throw new PlanRuleViolation("timeZone", "not a time zone id (like Asia/Shanghai): " + d.timeZone());
        }
        WorkCalendar calendar = Calendars.checked(d.calendar());
        DriftPolicy driftPolicy = DriftPolicies.checked(d.driftPolicy());
        List<String> alertLevels = AlertLevels.checked(d.alertLevels());

        BigDecimal total = d.total();
        String basis = null;
        PlanDraft.HistoryTotal fromHistory = null;
        if (d.totalFromHistory() != null) {
            if (total != null) {
                throw new PlanRuleViolation("total", "give total or totalFromHistory, not both");
            }
            if (d.metric().derived()) {
                throw new PlanRuleViolation("totalFromHistory", "a derived KPI's rate is set, not grown from a sum");
            }
            PlanDraft.HistoryTotal h = d.totalFromHistory();
            if (h.growth() == null || h.growth().compareTo(BigDecimal.ONE.negate()) < 0) {
                throw new PlanRuleViolation("totalFromHistory.growth", "growth is a fraction >= -1 (0.20 = +20%)");
            }
            Period prior = h.from() == null && h.to() == null ? period.yearBefore() : historyPeriod(h);
            BigDecimal history = data.history(d.metric(), prior);
            total = history.max(BigDecimal.ZERO).multiply(BigDecimal.ONE.add(h.growth()))
                    .setScale(unit.minorUnit(), java.math.RoundingMode.HALF_UP);
            basis = "history " + prior + " " + history.toPlainString() + " x (1 + " + h.growth().toPlainString() + ")";
            fromHistory = new PlanDraft.HistoryTotal(prior.start(), prior.end(), h.growth());
        }
        if (total == null || total.signum() < 0) {
            throw new PlanRuleViolation("total", "the total must be a decimal >= 0");
        }
        if (!unit.fits(total)) {
            throw new PlanRuleViolation("total", "the total has " + total.scale() + " decimals; " + unit.code()
                    + " allows " + unit.minorUnit());
        }
        if (total.precision() - total.scale() > 14) {
            throw new PlanRuleViolation("total", "at most 14 integer digits");
        }
        WorkDays workDays = new WorkDays(calendar);
        List<Level> levels = levels(d.levels(), period, fiscalStart, workDays, d.metric(), unit, data);

        Plan plan = new Plan(id, d.name().strip(), d.taskType(), d.metric(), unit, period, zone, calendar, driftPolicy,
                unit.normalise(total), levels, List.of(), now, actor, 0, fiscalStart, alertLevels, basis, fromHistory);
        long cells = plan.decomposition().cellCount();
        if (cells > maxCells) {
            throw new PlanRuleViolation("levels", "the levels would make " + cells + " cells, more than the cap of "
                    + maxCells);
        }
        if (cells == 0) {
            throw new PlanRuleViolation("calendar", "the period " + period + " has no working day to phase into");
        }
        plan.versions.add(PlanVersion.draft(1, (int) cells, plan.total, actor, now, null, null));
        return new NewPlan(plan);
    }

    private static Period historyPeriod(PlanDraft.HistoryTotal h) {
        if (h.from() == null || h.to() == null || h.to().isBefore(h.from())) {
            throw new PlanRuleViolation("totalFromHistory.to", "history needs from <= to (or neither: the year before)");
        }
        return new Period(h.from(), h.to());
    }

    public static Plan restore(String id, String name, TaskType taskType, Metric metric, Unit unit, Period period,
                               ZoneId timeZone, WorkCalendar calendar, DriftPolicy driftPolicy, BigDecimal total,
                               List<Level> levels, List<PlanVersion> versions, Instant createdAt, String createdBy,
                               long revision, int fiscalYearStartMonth, List<String> alertLevels, String totalBasis,
                               PlanDraft.HistoryTotal totalFromHistory) {
        return new Plan(id, name, taskType, metric, unit, period, timeZone, calendar, driftPolicy, total, levels,
                versions, createdAt, createdBy, revision, fiscalYearStartMonth, alertLevels, totalBasis, totalFromHistory);
    }

    /** The streaming decomposition of {@code total} by the plan's levels. */
    public Decomposition decomposition(BigDecimal total) {
        return new Decomposition(id, period, total, unit, levels, metric.derived(), fiscalYearStartMonth,
                new WorkDays(calendar));
    }

    public Decomposition decomposition() {
        return decomposition(total);
    }

    /** The cells the levels make of the total, ordered by cell key (small plans and tests). */
    public List<Cell> decompose() {
        return decomposition().cells();
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

    /**
     * The approver publishes a submitted version; the version published before it (if any) is SUPERSEDED.
     * Returns the previously published version number, or null.
     */
    public PlanVersion approve(int number, String actor, Instant at) {
        PlanVersion v = existing(number);
        v.approve(actor, at);
        for (PlanVersion other : versions) {
            if (other != v && other.status() == VersionStatus.APPROVED) {
                other.supersede();
            }
        }
        return v;
    }

    /**
     * An approver withdraws a published version (PlanWithdrawn); the latest version it superseded, if any, is
     * the approved one again (kpi-service makes it active again on PlanWithdrawn).
     */
    public PlanVersion recall(int number) {
        PlanVersion v = existing(number);
        v.recall();
        versions.stream().filter(o -> o.status() == VersionStatus.SUPERSEDED && o.number() < number)
                .max(java.util.Comparator.comparingInt(PlanVersion::number))
                .ifPresent(PlanVersion::reinstate);
        return v;
    }

    /** A new DRAFT version (a scenario) made from {@code from}, with its cell count and total. */
    public PlanVersion newVersion(int from, int cellCount, BigDecimal total, String note, String actor, Instant at) {
        existing(from);
        int number = versions.stream().mapToInt(PlanVersion::number).max().orElse(0) + 1;
        PlanVersion v = PlanVersion.draft(number, cellCount, total, actor, at, from, note);
        versions.add(v);
        return v;
    }

    /** The version published now, if any. */
    public Optional<PlanVersion> published() {
        return versions.stream().filter(v -> v.status() == VersionStatus.APPROVED).findFirst();
    }

    public PlanVersion existing(int number) {
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

    private static List<Level> levels(List<LevelDraft> drafts, Period period, int fiscalStart, WorkDays workDays,
                                      Metric metric, Unit unit, PlanningData data) {
        if (drafts == null || drafts.isEmpty()) {
            throw new PlanRuleViolation("levels", "a plan needs at least one level, and a TIME level");
        }
        List<Level> levels = new ArrayList<>();
        Set<Dimension> seen = EnumSet.noneOf(Dimension.class);
        Granularity finest = null;
        for (int i = 0; i < drafts.size(); i++) {
            String field = "levels[" + i + "]";
            LevelDraft draft = drafts.get(i);
            if (draft == null || draft.dimension() == null) {
                throw new PlanRuleViolation(field + ".dimension", "a level needs a dimension");
            }
            if (draft.dimension() == Dimension.TIME) {
                if (draft.granularity() != null && finest != null && draft.granularity().ordinal() <= finest.ordinal()) {
                    throw new PlanRuleViolation(field + ".granularity", "a TIME level splits into smaller periods than the"
                            + " TIME level above it (" + finest + "), e.g. YEAR then QUARTER then MONTH then DAY");
                }
                if (draft.granularity() != null) {
                    finest = draft.granularity();
                }
                seen.add(Dimension.TIME);
            } else if (!seen.add(draft.dimension())) {
                throw new PlanRuleViolation(field + ".dimension", "two levels on " + draft.dimension());
            }
            try {
                levels.add(Level.resolve(i, draft, new Level.Context(period, fiscalStart, workDays, metric, unit, data,
                        levels.isEmpty() ? null : levels.get(levels.size() - 1))));
            } catch (PlanRuleViolation v) {
                throw v.under(field);
            }
        }
        if (!seen.contains(Dimension.TIME)) {
            throw new PlanRuleViolation("levels", "a plan needs a TIME level (e.g. MONTH): cells are phased over time");
        }
        // fiscal years and quarters are whole: a plan with such a level starts and ends on their boundaries
        for (Granularity g : List.of(Granularity.YEAR, Granularity.QUARTER)) {
            if (levels.stream().anyMatch(l -> l.granularity() == g)) {
                String what = "fiscal " + g.name().toLowerCase(java.util.Locale.ROOT);
                if (!g.starts(period.start(), fiscalStart)) {
                    throw new PlanRuleViolation("periodStart", period.start() + " does not start a " + what + " (fiscal"
                            + " year starting in month " + fiscalStart + "): a " + g + " level needs whole " + what + "s");
                }
                if (!g.ends(period.end(), fiscalStart)) {
                    throw new PlanRuleViolation("periodEnd", period.end() + " does not end a " + what + " (fiscal"
                            + " year starting in month " + fiscalStart + "): a " + g + " level needs whole " + what + "s");
                }
            }
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

    public int fiscalYearStartMonth() {
        return fiscalYearStartMonth;
    }

    /** The nodes kpi-service alerts on; null = the DESIGN default. */
    public List<String> alertLevels() {
        return alertLevels;
    }

    /** How the total was reached when it was not given ("history ... x (1 + growth)"), else null. */
    public String totalBasis() {
        return totalBasis;
    }

    /** The "history x (1 + growth)" the total was drafted from (the prior dates resolved), else null. */
    public PlanDraft.HistoryTotal totalFromHistory() {
        return totalFromHistory;
    }
}
