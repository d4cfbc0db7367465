package io.quota.target.api;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;
import io.quota.target.domain.AllocationMethod;
import io.quota.target.domain.Granularity;
import io.quota.target.domain.Level;
import io.quota.target.domain.LevelDraft;
import io.quota.target.domain.Plan;
import io.quota.target.domain.PlanDraft;
import io.quota.target.domain.TableRows;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A plan's definition as a table (CSV or XLSX), so a planner keeps it, edits it in Excel and imports it as a new
 * draft: one row per setting, columns {@code section, field, level, parent, member, value}.
 * <ul>
 * <li>{@code plan}: id, name, taskType, metric, unit, periodStart, periodEnd (or period), fiscalYearStartMonth,
 * timeZone, total — or historyGrowth (with historyFrom, historyTo) for "history x (1 + growth)" — and one
 * alertLevel row per alert level;</li>
 * <li>{@code calendar}: a workingDay row per weekday, a holiday / extraWorkingDay row per date, calendarDays;</li>
 * <li>{@code driftPolicy}: warningBelow, criticalBelow, aheadAbove, minElapsedFraction, hysteresis;</li>
 * <li>{@code level} (level 1, 2, ... in order): dimension, method, granularity, profile, byParent, a member row per
 * member, weight / amount / pin rows (member, value; with a parent for the per-parent maps) and a seasonality row
 * per month.</li>
 * </ul>
 * HISTORY and POTENTIAL weights are not written: importing resolves them again (from kpi-service, the replica), as
 * drafting does. Reading collects every bad row and column before anything is imported.
 */
final class PlanTable {
    static final List<String> HEADER = List.of("section", "field", "level", "parent", "member", "value");

    private static final Set<String> PLAN_FIELDS = Set.of("id", "name", "taskType", "metric", "unit", "periodStart",
            "periodEnd", "period", "fiscalYearStartMonth", "timeZone", "total", "historyGrowth", "historyFrom",
            "historyTo", "alertLevel");
    private static final Set<String> CALENDAR_FIELDS = Set.of("workingDay", "holiday", "extraWorkingDay", "calendarDays");
    private static final Set<String> DRIFT_FIELDS = Set.of("warningBelow", "criticalBelow", "aheadAbove",
            "minElapsedFraction", "hysteresis");
    private static final Set<String> LEVEL_FIELDS = Set.of("dimension", "method", "granularity", "profile", "byParent",
            "member", "weight", "amount", "pin", "seasonality");
    private static final int MAX_LEVELS = 8;

    // ------------------------------------------------------------------ export

    /** The definition of a plan as rows (without the header). */
    static List<List<String>> rows(Plan plan) {
        List<List<String>> rows = new ArrayList<>();
        plan(rows, "id", plan.id());
        plan(rows, "name", plan.name());
        plan(rows, "taskType", plan.taskType().name());
        plan(rows, "metric", plan.metric().name());
        plan(rows, "unit", plan.unit().code());
        plan(rows, "periodStart", plan.period().start().toString());
        plan(rows, "periodEnd", plan.period().end().toString());
        plan(rows, "fiscalYearStartMonth", Integer.toString(plan.fiscalYearStartMonth()));
        plan(rows, "timeZone", plan.timeZone().getId());
        PlanDraft.HistoryTotal history = plan.totalFromHistory();
        if (history == null) {
            plan(rows, "total", plan.unit().normalise(plan.total()).toPlainString());
        } else {
            plan(rows, "historyGrowth", history.growth().toPlainString());
            plan(rows, "historyFrom", history.from().toString());
            plan(rows, "historyTo", history.to().toString());
        }
        if (plan.alertLevels() != null) {
            plan.alertLevels().forEach(a -> plan(rows, "alertLevel", a));
        }
        WorkCalendar c = plan.calendar();
        c.workingDays().forEach(d -> rows.add(row("calendar", "workingDay", "", "", "", d.name())));
        c.holidays().forEach(d -> rows.add(row("calendar", "holiday", "", "", "", d.toString())));
        c.extraWorkingDays().forEach(d -> rows.add(row("calendar", "extraWorkingDay", "", "", "", d.toString())));
        rows.add(row("calendar", "calendarDays", "", "", "", Boolean.toString(c.calendarDays())));
        DriftPolicy dp = plan.driftPolicy();
        drift(rows, "warningBelow", dp.warningBelow());
        drift(rows, "criticalBelow", dp.criticalBelow());
        drift(rows, "aheadAbove", dp.aheadAbove());
        drift(rows, "minElapsedFraction", dp.minElapsedFraction());
        drift(rows, "hysteresis", dp.hysteresis());
        for (Level level : plan.levels()) {
            level(rows, Integer.toString(level.index() + 1), level.toDraft());
        }
        return rows;
    }

    private static void level(List<List<String>> rows, String n, LevelDraft d) {
        rows.add(row("level", "dimension", n, "", "", d.dimension().name()));
        rows.add(row("level", "method", n, "", "", d.method().name()));
        if (d.granularity() != null) {
            rows.add(row("level", "granularity", n, "", "", d.granularity().name()));
        }
        if (Boolean.TRUE.equals(d.byParent())) {
            rows.add(row("level", "byParent", n, "", "", "true"));
        }
        if (d.profile() != null) {
            rows.add(row("level", "profile", n, "", "", d.profile()));
        }
        if (d.members() != null) {
            d.members().forEach(m -> rows.add(row("level", "member", n, "", m, "")));
        }
        // resolved from actuals or potential: drafting resolves them again
        boolean given = d.method() == AllocationMethod.WEIGHTS && d.seasonality() == null;
        if (given) {
            map(rows, "weight", n, "", d.weights());
            byParent(rows, "weight", n, d.weightsByParent());
        }
        map(rows, "amount", n, "", d.amounts());
        byParent(rows, "amount", n, d.amountsByParent());
        map(rows, "pin", n, "", d.pins());
        byParent(rows, "pin", n, d.pinsByParent());
        if (d.seasonality() != null) {
            d.seasonality().forEach((m, w) -> rows.add(row("level", "seasonality", n, "", m.name(), w.toPlainString())));
        }
    }

    private static void map(List<List<String>> rows, String field, String n, String parent, Map<String, BigDecimal> values) {
        if (values != null) {
            values.forEach((m, v) -> rows.add(row("level", field, n, parent, m, v.toPlainString())));
        }
    }

    private static void byParent(List<List<String>> rows, String field, String n, Map<String, Map<String, BigDecimal>> values) {
        if (values != null) {
            values.forEach((parent, m) -> map(rows, field, n, parent, m));
        }
    }

    private static void plan(List<List<String>> rows, String field, String value) {
        rows.add(row("plan", field, "", "", "", value));
    }

    private static void drift(List<List<String>> rows, String field, BigDecimal value) {
        rows.add(row("driftPolicy", field, "", "", "", value.toPlainString()));
    }

    private static List<String> row(String section, String field, String level, String parent, String member, String value) {
        return List.of(section, field, level, parent, member, value);
    }

    // ------------------------------------------------------------------ import

    /** A definition read from a table, and which row set what (to name the row of a problem found later). */
    static final class Parsed {
        private final CreatePlanRequest request;
        private final Map<String, Integer> rowOf;

        private Parsed(CreatePlanRequest request, Map<String, Integer> rowOf) {
            this.request = request;
            this.rowOf = rowOf;
        }

        CreatePlanRequest request() {
            return request;
        }

        /**
         * The file rejected for problems found after reading (bounds, planning rules), each at the row that set the
         * field: {@code field} is a request path such as {@code levels[1].weights[EAST]} or {@code periodEnd}.
         */
        TableRows.Rejected rejected(Collection<Map.Entry<String, String>> fieldProblems) {
            List<TableRows.Problem> problems = new ArrayList<>();
            fieldProblems.forEach(f -> problems.add(locate(f.getKey(), f.getValue())));
            problems.sort(java.util.Comparator.comparingInt(TableRows.Problem::row));
            return new TableRows.Rejected(problems);
        }

        private TableRows.Problem locate(String field, String message) {
            String path = field.replaceAll("\\.<[^>]*>", "").replaceAll("<[^>]*>", "");
            String column = path.contains("members") ? "member" : "value";
            for (String p = path; !p.isEmpty(); p = parentPath(p)) {
                Integer row = null;
                for (Map.Entry<String, Integer> e : rowOf.entrySet()) {
                    String k = e.getKey();
                    if ((k.equals(p) || k.startsWith(p + ".") || k.startsWith(p + "[")) && (row == null || e.getValue() < row)) {
                        row = e.getValue();
                    }
                }
                if (row != null) {
                    return new TableRows.Problem(row, column, path + ": " + message);
                }
            }
            return new TableRows.Problem(1, "field", path + ": " + message + " (no row sets it)");
        }

        private static String parentPath(String p) {
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            return cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /**
     * Reads a definition (header first); every bad row and column is listed, and then nothing is imported.
     * {@code id}, when given, replaces the file's plan id (a copy of an exported plan).
     */
    static Parsed read(List<List<String>> rows, String id) {
        return new Reader(rows, id).read();
    }

    /** One pass over the rows, collecting values and problems. */
    private static final class Reader {
        private final List<List<String>> rows;
        private final List<TableRows.Problem> problems = new ArrayList<>();
        private final Map<String, Integer> rowOf = new LinkedHashMap<>();
        private final Map<String, String> plan = new LinkedHashMap<>();
        private final List<String> alertLevels = new ArrayList<>();
        private final List<DayOfWeek> workingDays = new ArrayList<>();
        private final List<LocalDate> holidays = new ArrayList<>();
        private final List<LocalDate> extraWorkingDays = new ArrayList<>();
        private final Map<String, BigDecimal> drift = new LinkedHashMap<>();
        private final TreeMap<Integer, LevelRows> levels = new TreeMap<>();
        private Boolean calendarDays;
        private boolean calendar;
        private int[] col;
        private int r;

        private final String id;

        Reader(List<List<String>> rows, String id) {
            this.rows = rows;
            this.id = id;
        }

        Parsed read() {
            col = new int[HEADER.size()];
            List<String> header = rows.isEmpty() ? List.of() : rows.get(0).stream().map(h -> h == null ? "" : h.strip()).toList();
            for (int c = 0; c < HEADER.size(); c++) {
                col[c] = header.indexOf(HEADER.get(c));
                if (col[c] < 0) {
                    problems.add(new TableRows.Problem(1, HEADER.get(c), "the header has no column " + HEADER.get(c)
                            + " (columns: " + String.join(", ", HEADER) + ")"));
                }
            }
            if (!problems.isEmpty()) {
                throw new TableRows.Rejected(problems);
            }
            for (r = 1; r < rows.size(); r++) {
                if (rows.get(r).stream().allMatch(v -> v == null || v.isBlank())) {
                    continue;
                }
                String section = cell(0);
                switch (section) {
                    case "plan" -> planRow();
                    case "calendar" -> calendarRow();
                    case "driftPolicy" -> driftRow();
                    case "level" -> levelRow();
                    default -> problem("section", "unknown section '" + section + "': plan, calendar, driftPolicy or level");
                }
            }
            CreatePlanRequest request = problems.isEmpty() ? request() : null;
            if (!problems.isEmpty()) {
                throw new TableRows.Rejected(problems);
            }
            return new Parsed(request, rowOf);
        }

        private void planRow() {
            String field = field(PLAN_FIELDS);
            if (field == null) {
                return;
            }
            String value = cell(5);
            if (field.equals("alertLevel")) {
                set("alertLevels[" + alertLevels.size() + "]");
                alertLevels.add(value);
                return;
            }
            if (plan.containsKey(field)) {
                problem("field", field + " appears twice");
                return;
            }
            switch (field) {
                case "taskType" -> parse(value, v -> TaskType.valueOf(v));
                case "metric" -> parse(value, v -> Metric.valueOf(v));
                case "periodStart", "periodEnd", "historyFrom", "historyTo" -> parse(value, LocalDate::parse);
                case "total", "historyGrowth" -> parse(value, BigDecimal::new);
                case "fiscalYearStartMonth" -> parse(value, Integer::valueOf);
                default -> {
                }
            }
            plan.put(field, value);
            set(switch (field) {
                case "historyGrowth" -> "totalFromHistory.growth";
                case "historyFrom" -> "totalFromHistory.from";
                case "historyTo" -> "totalFromHistory.to";
                default -> field;
            });
        }

        private void calendarRow() {
            String field = field(CALENDAR_FIELDS);
            if (field == null) {
                return;
            }
            calendar = true;
            String value = cell(5);
            switch (field) {
                case "workingDay" -> add(workingDays, parse(value, DayOfWeek::valueOf), "calendar.workingDays");
                case "holiday" -> add(holidays, parse(value, LocalDate::parse), "calendar.holidays");
                case "extraWorkingDay" -> add(extraWorkingDays, parse(value, LocalDate::parse), "calendar.extraWorkingDays");
                default -> {
                    if (calendarDays != null) {
                        problem("field", "calendarDays appears twice");
                    }
                    calendarDays = bool(value);
                    set("calendar.calendarDays");
                }
            }
        }

        private <T> void add(List<T> list, T value, String path) {
            if (value != null) {
                set(path + "[" + list.size() + "]");
                list.add(value);
            }
        }

        private void driftRow() {
            String field = field(DRIFT_FIELDS);
            if (field == null) {
                return;
            }
            if (drift.containsKey(field)) {
                problem("field", field + " appears twice");
                return;
            }
            drift.put(field, parse(cell(5), BigDecimal::new));
            set("driftPolicy." + field);
        }

        private void levelRow() {
            String field = field(LEVEL_FIELDS);
            Integer n = parse(cell(2), "level", Integer::valueOf);
            if (n != null && (n < 1 || n > MAX_LEVELS)) {
                problem("level", "levels are numbered 1.." + MAX_LEVELS);
                n = null;
            }
            if (field == null || n == null) {
                return;
            }
            LevelRows level = levels.computeIfAbsent(n, k -> new LevelRows());
            String path = "levels[" + (n - 1) + "].";
            String parent = cell(3);
            String member = cell(4);
            String value = cell(5);
            boolean keyed = Set.of("weight", "amount", "pin").contains(field);
            if (!parent.isEmpty() && !keyed) {
                problem("parent", "only weight, amount and pin rows have a parent");
                return;
            }
            if ((keyed || field.equals("member") || field.equals("seasonality")) && member.isEmpty()) {
                problem("member", "a " + field + " row names its member");
                return;
            }
            switch (field) {
                case "dimension" -> level.dimension = single(level.dimension, parse(value, Dimension::valueOf), path + field);
                case "method" -> level.method = single(level.method, parse(value, AllocationMethod::valueOf), path + field);
                case "granularity" -> level.granularity = single(level.granularity, parse(value, Granularity::valueOf), path + field);
                case "profile" -> level.profile = single(level.profile, value, path + field);
                case "byParent" -> level.byParent = single(level.byParent, bool(value), path + field);
                case "member" -> {
                    set(path + "members[" + level.members.size() + "]");
                    level.members.add(member);
                }
                case "seasonality" -> {
                    Month month = parse(member, "member", Month::valueOf);
                    BigDecimal w = parse(value, BigDecimal::new);
                    if (month != null && w != null && put(level.seasonality, month, w)) {
                        set(path + "seasonality[" + month + "]");
                    }
                }
                default -> keyed(level, field, path, parent, member, parse(value, BigDecimal::new));
            }
        }

        private void keyed(LevelRows level, String field, String path, String parent, String member, BigDecimal value) {
            if (value == null) {
                return;
            }
            Map<String, BigDecimal> flat = switch (field) {
                case "weight" -> level.weights;
                case "amount" -> level.amounts;
                default -> level.pins;
            };
            Map<String, Map<String, BigDecimal>> perParent = switch (field) {
                case "weight" -> level.weightsByParent;
                case "amount" -> level.amountsByParent;
                default -> level.pinsByParent;
            };
            String name = field + "s";
            if (parent.isEmpty()) {
                if (put(flat, member, value)) {
                    set(path + name + "[" + member + "]");
                }
            } else if (put(perParent.computeIfAbsent(parent, k -> new LinkedHashMap<>()), member, value)) {
                set(path + name + "ByParent[" + parent + "][" + member + "]");
            }
        }

        private <K> boolean put(Map<K, BigDecimal> map, K key, BigDecimal value) {
            if (map.containsKey(key)) {
                problem("member", key + " appears twice");
                return false;
            }
            map.put(key, value);
            return true;
        }

        private <T> T single(T before, T value, String path) {
            if (before != null) {
                problem("field", path.substring(path.lastIndexOf('.') + 1) + " appears twice in this level");
                return before;
            }
            if (value != null) {
                set(path);
            }
            return value;
        }

        private CreatePlanRequest request() {
            List<LevelRequest> levelRequests = new ArrayList<>();
            int expected = 1;
            for (Map.Entry<Integer, LevelRows> e : levels.entrySet()) {
                if (e.getKey() != expected++) {
                    problems.add(new TableRows.Problem(rowOf.getOrDefault("levels[" + (e.getKey() - 1) + "].dimension", 1),
                            "level", "levels are numbered 1, 2, 3... without gaps: level " + (expected - 1) + " is missing"));
                    return null;
                }
                levelRequests.add(e.getValue().request());
            }
            CreatePlanRequest.HistoryTotalRequest history = plan.containsKey("historyGrowth") || plan.containsKey("historyFrom")
                    || plan.containsKey("historyTo") ? new CreatePlanRequest.HistoryTotalRequest(date("historyFrom"),
                    date("historyTo"), decimal("historyGrowth")) : null;
            DriftPolicyRequest policy = drift.isEmpty() ? null : new DriftPolicyRequest(drift.get("warningBelow"),
                    drift.get("criticalBelow"), drift.get("aheadAbove"), drift.get("minElapsedFraction"),
                    drift.get("hysteresis"));
            CalendarRequest cal = calendar ? new CalendarRequest(workingDays, holidays, extraWorkingDays, calendarDays) : null;
            return new CreatePlanRequest(id != null ? id : plan.get("id"), plan.get("name"), parsed("taskType", TaskType::valueOf),
                    parsed("metric", Metric::valueOf), plan.get("unit"), date("periodStart"), date("periodEnd"),
                    plan.get("timeZone"), decimal("total"), levelRequests, cal, policy, plan.get("period"),
                    parsed("fiscalYearStartMonth", Integer::valueOf), history, alertLevels.isEmpty() ? null : alertLevels);
        }

        private LocalDate date(String field) {
            return parsed(field, LocalDate::parse);
        }

        private BigDecimal decimal(String field) {
            return parsed(field, BigDecimal::new);
        }

        /** A plan value already checked while reading (so it parses), or null when absent. */
        private <T> T parsed(String field, Function<String, T> parser) {
            String v = plan.get(field);
            return v == null || v.isEmpty() ? null : parser.apply(v);
        }

        private String field(Set<String> known) {
            String field = cell(1);
            if (!known.contains(field)) {
                problem("field", "unknown field '" + field + "' in section " + cell(0) + "; known: " + new java.util.TreeSet<>(known));
                return null;
            }
            return field;
        }

        private <T> T parse(String text, Function<String, T> parser) {
            return parse(text, "value", parser);
        }

        private <T> T parse(String text, String column, Function<String, T> parser) {
            if (text.isEmpty()) {
                problem(column, "a value is needed");
                return null;
            }
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                problem(column, "not a valid " + cell(1) + ": '" + text + "'");
                return null;
            }
        }

        private Boolean bool(String text) {
            return switch (text.toLowerCase(java.util.Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problem("value", "true or false, not '" + text + "'");
                    yield null;
                }
            };
        }

        private void set(String path) {
            rowOf.putIfAbsent(path, r + 1);
        }

        private void problem(String column, String message) {
            problems.add(new TableRows.Problem(r + 1, column, message));
        }

        private String cell(int c) {
            List<String> row = rows.get(r);
            int i = col[c];
            return i >= 0 && i < row.size() && row.get(i) != null ? row.get(i).strip() : "";
        }
    }

    /** The rows of one level as read. */
    private static final class LevelRows {
        Dimension dimension;
        AllocationMethod method;
        Granularity granularity;
        String profile;
        Boolean byParent;
        final List<String> members = new ArrayList<>();
        final Map<String, BigDecimal> weights = new LinkedHashMap<>();
        final Map<String, Map<String, BigDecimal>> weightsByParent = new LinkedHashMap<>();
        final Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        final Map<String, Map<String, BigDecimal>> amountsByParent = new LinkedHashMap<>();
        final Map<String, BigDecimal> pins = new LinkedHashMap<>();
        final Map<String, Map<String, BigDecimal>> pinsByParent = new LinkedHashMap<>();
        final Map<Month, BigDecimal> seasonality = new EnumMap<>(Month.class);

        LevelRequest request() {
            return new LevelRequest(dimension, method, granularity, members.isEmpty() ? null : members,
                    orNull(weights), orNull(weightsByParent), orNull(amounts), orNull(amountsByParent), orNull(pins),
                    orNull(pinsByParent), profile, orNull(seasonality), byParent);
        }

        private static <M extends Map<?, ?>> M orNull(M map) {
            return map.isEmpty() ? null : map;
        }
    }

    private PlanTable() {
    }
}
