package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.WorkCalendar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Examples of every dimension, method, TIME granularity and rule of the decomposition. */
class DecompositionTest {
    static final Instant NOW = Instant.parse("2027-02-01T08:00:00Z");
    static final LevelDraft MONTHS = new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, Granularity.MONTH, null, null);
    static final LevelDraft QUARTERS = new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, Granularity.QUARTER, null, null);
    static final LevelDraft DAYS = new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, Granularity.DAY, null, null);

    /** Territories with potential, profiles and prior actuals, as the service would read them. */
    static final class Data implements PlanningData {
        final InMemoryTerritories territories = new InMemoryTerritories();
        final Map<String, SeasonalityProfile> profiles = new LinkedHashMap<>();
        final Map<String, BigDecimal> history = new LinkedHashMap<>();

        Data() {
            territories.withPotential("EAST", "300").withPotential("WEST", "100").withPotential("SOUTH", null);
        }

        @Override
        public TerritoryDirectory territories() {
            return territories;
        }

        @Override
        public Optional<SeasonalityProfile> profile(String name) {
            return Optional.ofNullable(profiles.get(name));
        }

        /**
         * Per member: entries "M" (any period) and "M#from@to" (that period only, e.g. a parent's month a year
         * before); per parent and member: entries "P/M".
         */
        @Override
        public Map<String, BigDecimal> history(Metric metric, Dimension dimension, Period period) {
            Map<String, BigDecimal> byMember = new LinkedHashMap<>();
            history.forEach((k, v) -> {
                if (!k.contains("@") && !k.contains("/")) {
                    byMember.putIfAbsent(k, v);
                } else if (k.endsWith("#" + period.start() + "@" + period.end())) {
                    byMember.put(k.substring(0, k.indexOf('#')), v);
                }
            });
            return byMember;
        }

        @Override
        public Map<String, Map<String, BigDecimal>> history(Metric metric, Dimension parent, Dimension dimension,
                                                            Period period) {
            Map<String, Map<String, BigDecimal>> byParent = new LinkedHashMap<>();
            history.forEach((k, v) -> {
                if (k.contains("/")) {
                    byParent.computeIfAbsent(k.substring(0, k.indexOf('/')), x -> new LinkedHashMap<>())
                            .put(k.substring(k.indexOf('/') + 1), v);
                }
            });
            return byParent;
        }

        @Override
        public BigDecimal history(Metric metric, Period period) {
            return history.getOrDefault(period.start() + "@" + period.end(), BigDecimal.ZERO);
        }
    }

    static PlanDraft draft(Metric metric, String unit, String total, String start, String end, LevelDraft... levels) {
        return new PlanDraft("P1", "plan", TaskType.NEW_BUSINESS, metric, unit, LocalDate.parse(start),
                LocalDate.parse(end), "Asia/Shanghai", total == null ? null : new BigDecimal(total), List.of(levels), null, null);
    }

    static PlanDraft draft(String total, String start, String end, LevelDraft... levels) {
        return draft(Metric.REVENUE, "CNY", total, start, end, levels);
    }

    static List<Cell> cells(PlanDraft d, Data data) {
        return Plan.create(d, data, "planner", NOW, Plan.MAX_CELLS).cells();
    }

    static List<Cell> cells(PlanDraft d) {
        return cells(d, new Data());
    }

    static PlanRuleViolation refused(PlanDraft d, Data data) {
        return assertThrows(PlanRuleViolation.class, () -> cells(d, data));
    }

    static PlanRuleViolation refused(PlanDraft d) {
        return refused(d, new Data());
    }

    static Map<String, String> amounts(List<Cell> cells) {
        Map<String, String> m = new LinkedHashMap<>();
        cells.forEach(c -> m.put(c.cellKey().substring(c.cellKey().indexOf('~') + 1), c.amount().toPlainString()));
        return m;
    }

    static LevelDraft level(Dimension d, AllocationMethod m, List<String> members, Map<String, BigDecimal> weights) {
        return new LevelDraft(d, m, null, members, weights);
    }

    static Map<String, BigDecimal> map(String... kv) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], new BigDecimal(kv[i + 1]));
        }
        return m;
    }

    @Test
    void everyDimensionInAnyOrderAndKeysInCanonicalOrder() {
        List<Cell> cells = cells(draft("1000.00", "2027-01-01", "2027-01-31", MONTHS,
                level(Dimension.CHANNEL, AllocationMethod.EQUAL, List.of("ONLINE_STORE", "DIRECT"), null),
                level(Dimension.PRODUCT_LINE, AllocationMethod.WEIGHTS, null, map("PHONES", "3", "TABLETS", "1")),
                level(Dimension.CUSTOMER_TYPE, AllocationMethod.EQUAL, List.of("B2B"), null),
                level(Dimension.INDUSTRY, AllocationMethod.EQUAL, List.of("RETAIL"), null)));
        assertEquals(Map.of(
                "industry=RETAIL~customerType=B2B~productLine=PHONES~channel=DIRECT~2027-01-01..2027-01-31", "375.00",
                "industry=RETAIL~customerType=B2B~productLine=PHONES~channel=ONLINE_STORE~2027-01-01..2027-01-31", "375.00",
                "industry=RETAIL~customerType=B2B~productLine=TABLETS~channel=DIRECT~2027-01-01..2027-01-31", "125.00",
                "industry=RETAIL~customerType=B2B~productLine=TABLETS~channel=ONLINE_STORE~2027-01-01..2027-01-31", "125.00"),
                amounts(cells));
        cells.forEach(c -> assertEquals(c.cellKey(), NodeKey.parse(c.cellKey()).encode(), "canonical key"));
    }

    @Test
    void quartersOfAFiscalYearStartingInAprilThenMonths() {
        PlanDraft d = new PlanDraft("P1", "FY", TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY", null, null, "UTC",
                new BigDecimal("1200.01"), List.of(QUARTERS, MONTHS), null, null, "FY2027", 4, null, null);
        Plan plan = Plan.create(d, new Data(), "planner", NOW, Plan.MAX_CELLS).plan();
        assertEquals(new Period(LocalDate.parse("2027-04-01"), LocalDate.parse("2028-03-31")), plan.period());
        List<Cell> cells = plan.decompose();
        assertEquals(12, cells.size());
        // 1200.01 -> quarters 300.01, 300.00 x3 (the earliest quarter takes the cent), then months
        assertEquals("100.01", cells.get(0).amount().toPlainString());
        assertEquals("2027-04-01", cells.get(0).key().from().toString());
        assertEquals("100.00", cells.get(1).amount().toPlainString());
        assertEquals("periodStart", refused(new PlanDraft("P1", "FY", TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY",
                null, null, "UTC", BigDecimal.TEN, List.of(QUARTERS), null, null, "2027-05..2027-07", 4, null, null)).field(),
                "May does not start an April fiscal quarter");
        assertEquals("period", refused(new PlanDraft("P1", "FY", TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY",
                null, null, "UTC", BigDecimal.TEN, List.of(MONTHS), null, null, "FY27", 4, null, null)).field());
        assertEquals("levels[1].granularity", refused(draft("1.00", "2027-01-01", "2027-12-31", MONTHS, QUARTERS)).field(),
                "a month cannot be split into quarters");
    }

    @Test
    void fiscalYearsThenQuartersOfAPlanOverTwoYears() {
        LevelDraft years = new LevelDraft(Dimension.TIME, AllocationMethod.WEIGHTS, Granularity.YEAR, null,
                map("2027-04-01", "1", "2028-04-01", "3"));
        Plan plan = Plan.create(fiscal("800.00", "2027-04-01", "2029-03-31", years, QUARTERS), new Data(), "planner",
                NOW, Plan.MAX_CELLS).plan();
        List<Cell> cells = plan.decompose();
        assertEquals(List.of("50.00", "50.00", "50.00", "50.00", "150.00", "150.00", "150.00", "150.00"),
                cells.stream().map(c -> c.amount().toPlainString()).toList(), "FY2027 weighs 1, FY2028 3, quarters equal");
        assertEquals("2028-04-01", cells.get(4).key().from().toString());
        LevelDraft equalYears = new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, Granularity.YEAR, null, null);
        assertEquals("periodStart", refused(fiscal("1.00", "2027-01-01", "2027-12-31", equalYears)).field(),
                "January does not start an April fiscal year");
        assertEquals("periodEnd", refused(fiscal("1.00", "2027-04-01", "2027-12-31", equalYears)).field(),
                "December does not end it");
        assertEquals("levels[1].granularity", refused(fiscal("1.00", "2027-04-01", "2028-03-31", QUARTERS, equalYears))
                .field(), "a quarter cannot be split into years");
    }

    /** A plan over from..to with a fiscal year starting in April. */
    static PlanDraft fiscal(String total, String from, String to, LevelDraft... levels) {
        return new PlanDraft("P1", "FY", TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY", LocalDate.parse(from),
                LocalDate.parse(to), "UTC", new BigDecimal(total), List.of(levels), null, null, null, 4, null, null);
    }

    @Test
    void daysArePhasedByWorkingDaysOfTheCalendar() {
        // January 2027: 21 weekdays; New Year's Day off; Saturday 9 January works (调休) -> 21 working days
        WorkCalendar cn = new WorkCalendar(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), List.of(LocalDate.parse("2027-01-01")),
                List.of(LocalDate.parse("2027-01-09")), false);
        PlanDraft d = new PlanDraft("P1", "days", TaskType.NEW_BUSINESS, Metric.VISITS, "COUNT",
                LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-31"), "UTC", new BigDecimal("100"),
                List.of(MONTHS, DAYS), cn, null);
        List<Cell> cells = cells(d);
        assertEquals(21, cells.size());
        assertTrue(cells.stream().noneMatch(c -> c.key().from().equals(LocalDate.parse("2027-01-01"))), "holiday");
        assertTrue(cells.stream().anyMatch(c -> c.key().from().equals(LocalDate.parse("2027-01-09"))), "extra working day");
        // 100 / 21 = 4 r 16: the 16 earliest days get 5
        assertEquals("5", cells.get(0).amount().toPlainString());
        assertEquals("4", cells.get(20).amount().toPlainString());
        WorkCalendar everyDay = new WorkCalendar(List.of(), List.of(), List.of(), true);
        assertEquals(31, cells(new PlanDraft("P1", "days", TaskType.NEW_BUSINESS, Metric.VISITS, "COUNT",
                LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-31"), "UTC", new BigDecimal("100"),
                List.of(DAYS), everyDay, null)).size());
        WorkCalendar allHolidays = new WorkCalendar(List.of(DayOfWeek.MONDAY), List.of(LocalDate.parse("2027-01-04")),
                List.of(), false);
        assertEquals("calendar", refused(new PlanDraft("P1", "days", TaskType.NEW_BUSINESS, Metric.VISITS, "COUNT",
                LocalDate.parse("2027-01-02"), LocalDate.parse("2027-01-08"), "UTC", BigDecimal.TEN, List.of(DAYS),
                allHolidays, null)).field(), "a period without a working day");
    }

    @Test
    void seasonalityProfilesByNameOrInline() {
        Map<Month, BigDecimal> weights = new EnumMap<>(Month.class);
        for (Month m : Month.values()) {
            weights.put(m, m == Month.DECEMBER ? new BigDecimal("3") : BigDecimal.ONE);
        }
        Data data = new Data();
        data.profiles.put("XMAS", new SeasonalityProfile("XMAS", new java.util.TreeMap<>(weights)));
        LevelDraft byProfile = new LevelDraft(Dimension.TIME, AllocationMethod.WEIGHTS, Granularity.MONTH, null, null,
                null, null, null, null, null, "XMAS", null);
        List<Cell> months = cells(draft("1400.00", "2027-01-01", "2027-12-31", byProfile), data);
        assertEquals("300.00", months.get(11).amount().toPlainString(), "December weighs 3 of 14");
        assertEquals("100.00", months.get(0).amount().toPlainString());
        LevelDraft quarterly = new LevelDraft(Dimension.TIME, AllocationMethod.WEIGHTS, Granularity.QUARTER, null, null,
                null, null, null, null, null, null, weights);
        List<Cell> quarters = cells(draft("1400.00", "2027-01-01", "2027-12-31", quarterly), data);
        assertEquals("500.00", quarters.get(3).amount().toPlainString(), "Q4 weighs 1 + 1 + 3");
        assertEquals("levels[0].profile", refused(draft("1.00", "2027-01-01", "2027-12-31",
                new LevelDraft(Dimension.TIME, AllocationMethod.WEIGHTS, Granularity.MONTH, null, null, null, null,
                        null, null, null, "NONE", null))).field());
        Map<Month, BigDecimal> missing = new EnumMap<>(weights);
        missing.remove(Month.MAY);
        assertEquals("levels[0].seasonality", refused(draft("1.00", "2027-01-01", "2027-12-31",
                new LevelDraft(Dimension.TIME, AllocationMethod.WEIGHTS, Granularity.MONTH, null, null, null, null,
                        null, null, null, null, missing))).field());
        Map<Month, BigDecimal> zeros = new EnumMap<>(Month.class);
        for (Month m : Month.values()) {
            zeros.put(m, BigDecimal.ZERO);
        }
        assertThrows(PlanRuleViolation.class, () -> new SeasonalityProfile("Z", new java.util.TreeMap<>(zeros)));
        Map<Month, BigDecimal> negative = new EnumMap<>(weights);
        negative.put(Month.MAY, new BigDecimal("-1"));
        assertEquals("weights", assertThrows(PlanRuleViolation.class,
                () -> new SeasonalityProfile("N", new java.util.TreeMap<>(negative))).field());
    }

    @Test
    void manualAmountsMustAddUpToTheParentElseTheDifferenceIsNamed() {
        LevelDraft manual = new LevelDraft(Dimension.PRODUCT_LINE, AllocationMethod.MANUAL, null, null, null, null,
                map("A", "600.00", "B", "400.00"), null, null, null, null, null);
        assertEquals(Map.of("productLine=A~2027-01-01..2027-01-31", "600.00", "productLine=B~2027-01-01..2027-01-31",
                "400.00"), amounts(cells(draft("1000.00", "2027-01-01", "2027-01-31", manual, MONTHS))));
        PlanRuleViolation miss = refused(draft("1000.50", "2027-01-01", "2027-01-31", manual, MONTHS));
        assertEquals("levels[0].amounts", miss.field());
        assertTrue(miss.getMessage().contains("difference 0.50"), miss.getMessage());
        // per parent, below a territory level
        LevelDraft perParent = new LevelDraft(Dimension.PRODUCT_LINE, AllocationMethod.MANUAL, null, null, null, null,
                null, Map.of("EAST", map("A", "500.00"), "WEST", map("A", "100.00", "B", "400.00")), null, null, null, null);
        LevelDraft territories = level(Dimension.TERRITORY, AllocationMethod.EQUAL, List.of("EAST", "WEST"), null);
        assertEquals(3, cells(draft("1000.00", "2027-01-01", "2027-01-31", territories, perParent, MONTHS)).stream()
                .filter(c -> c.amount().signum() > 0).count());
        assertEquals("levels[1].amountsByParent", refused(draft("1000.00", "2027-01-01", "2027-01-31", territories,
                new LevelDraft(Dimension.PRODUCT_LINE, AllocationMethod.MANUAL, null, null, null, null, null,
                        Map.of("NORTH", map("A", "1")), null, null, null, null), MONTHS)).field(), "unknown parent");
    }

    @Test
    void pinsKeepTheirAmountAndAPinAboveTheParentIsRefused() {
        LevelDraft pinned = new LevelDraft(Dimension.TERRITORY, AllocationMethod.WEIGHTS, null, null,
                map("EAST", "1", "WEST", "1"), null, null, null, map("EAST", "700.00"), null, null, null);
        assertEquals(Map.of("territory=EAST~2027-01-01..2027-01-31", "700.00", "territory=WEST~2027-01-01..2027-01-31",
                "300.00"), amounts(cells(draft("1000.00", "2027-01-01", "2027-01-31", pinned, MONTHS))));
        PlanRuleViolation above = refused(draft("500.00", "2027-01-01", "2027-01-31", pinned, MONTHS));
        assertEquals("levels[0].pins", above.field());
        assertTrue(above.getMessage().contains("by 200.00"), above.getMessage());
        assertEquals("levels[0].pins", refused(draft("1000.00", "2027-01-01", "2027-01-31",
                new LevelDraft(Dimension.TERRITORY, AllocationMethod.EQUAL, null, List.of("EAST"), null, null, null,
                        null, map("WEST", "1.00"), null, null, null), MONTHS)).field(), "a pin on no member");
    }

    @Test
    void weightsPerParent() {
        LevelDraft territories = level(Dimension.TERRITORY, AllocationMethod.EQUAL, List.of("EAST", "WEST"), null);
        LevelDraft products = new LevelDraft(Dimension.PRODUCT_LINE, AllocationMethod.WEIGHTS, null, List.of("A", "B"),
                map("A", "1", "B", "1"), Map.of("EAST", map("A", "3", "B", "1")), null, null, null, null, null, null);
        assertEquals(Map.of("territory=EAST~productLine=A~2027-01-01..2027-01-31", "375.00",
                "territory=EAST~productLine=B~2027-01-01..2027-01-31", "125.00",
                "territory=WEST~productLine=A~2027-01-01..2027-01-31", "250.00",
                "territory=WEST~productLine=B~2027-01-01..2027-01-31", "250.00"),
                amounts(cells(draft("1000.00", "2027-01-01", "2027-01-31", territories, products, MONTHS))));
        assertEquals("levels[0].weightsByParent", refused(draft("1.00", "2027-01-01", "2027-01-31",
                new LevelDraft(Dimension.PRODUCT_LINE, AllocationMethod.WEIGHTS, null, List.of("A"), null,
                        Map.of("X", map("A", "1")), null, null, null, null, null, null), MONTHS)).field(),
                "the first level has no parent to key by");
    }

    @Test
    void potentialAndHistoryWeights() {
        LevelDraft potential = level(Dimension.TERRITORY, AllocationMethod.POTENTIAL, List.of("EAST", "WEST"), null);
        assertEquals(Map.of("territory=EAST~2027-01-01..2027-01-31", "750.00", "territory=WEST~2027-01-01..2027-01-31",
                "250.00"), amounts(cells(draft("1000.00", "2027-01-01", "2027-01-31", potential, MONTHS))));
        assertEquals("levels[0].method", refused(draft("1.00", "2027-01-01", "2027-01-31",
                level(Dimension.TERRITORY, AllocationMethod.POTENTIAL, List.of("SOUTH"), null), MONTHS)).field(),
                "no potential known");
        Data data = new Data();
        data.history.put("A", new BigDecimal("10"));
        data.history.put("B", new BigDecimal("30"));
        LevelDraft history = level(Dimension.PRODUCT_LINE, AllocationMethod.HISTORY, List.of("A", "B", "C"), null);
        Plan plan = Plan.create(draft("100.00", "2027-01-01", "2027-01-31", history, MONTHS), data, "p", NOW, 100).plan();
        assertEquals(map("A", "10", "B", "30", "C", "0"), plan.levels().get(0).toDraft().weights(),
                "the actuals become the level's weights, stored with it");
        assertEquals(List.of("25.00", "75.00", "0.00"), plan.decompose().stream().map(c -> c.amount().toPlainString()).toList());
        assertEquals("levels[0].method", refused(draft("1.00", "2027-01-01", "2027-01-31",
                level(Dimension.PRODUCT_LINE, AllocationMethod.HISTORY, List.of("X"), null), MONTHS), data).field());
    }

    @Test
    void historyPhasesByDayFromTheSameWeekdayAYearBefore() {
        Data data = new Data();
        // March 2027's first working days and their weekdays 52 weeks before (2026-03-02 is a Monday like 2027-03-01)
        data.history.put("2026-03-02@2026-03-02", new BigDecimal("1"));
        data.history.put("2026-03-03@2026-03-03", new BigDecimal("3"));
        LevelDraft days = new LevelDraft(Dimension.TIME, AllocationMethod.HISTORY, Granularity.DAY, null, null);
        Plan plan = Plan.create(draft("100.00", "2027-03-01", "2027-03-03", days), data, "p", NOW, 100).plan();
        assertEquals(List.of("25.00", "75.00", "0.00"), plan.decompose().stream().map(c -> c.amount().toPlainString()).toList(),
                "each working day weighs what the same weekday sold a year before");
        assertEquals(map("2027-03-01", "1", "2027-03-02", "3", "2027-03-03", "0"), plan.levels().get(0).toDraft().weights());
        assertEquals("levels[0].method", refused(draft("1.00", "2027-04-01", "2027-04-02", days), data).field(),
                "no actuals on any of the days: nothing to weigh by");
    }

    @Test
    void historyByParentWeighsEachParentsChildrenByItsOwnActuals() {
        Data data = new Data();
        data.history.put("A", new BigDecimal("1"));
        data.history.put("B", new BigDecimal("1"));
        data.history.put("EAST/A", new BigDecimal("3"));
        data.history.put("EAST/B", new BigDecimal("1"));
        data.history.put("WEST/A", new BigDecimal("0"));
        data.history.put("WEST/B", new BigDecimal("0"));
        LevelDraft territories = level(Dimension.TERRITORY, AllocationMethod.EQUAL, List.of("EAST", "WEST"), null);
        LevelDraft products = new LevelDraft(Dimension.PRODUCT_LINE, AllocationMethod.HISTORY, null, List.of("A", "B"),
                null, null, null, null, null, null, null, null, true);
        Plan plan = Plan.create(draft("200.00", "2027-01-01", "2027-01-31", territories, products, MONTHS), data, "p",
                NOW, 100).plan();
        assertEquals(List.of("75.00", "25.00", "50.00", "50.00"), plan.decompose().stream()
                .map(c -> c.amount().toPlainString()).toList(), "EAST by its own mix; WEST sold nothing: the overall mix");
        LevelDraft stored = plan.levels().get(1).toDraft();
        assertEquals(Map.of("EAST", map("A", "3", "B", "1")), stored.weightsByParent());
        assertEquals(Boolean.TRUE, stored.byParent());
        // stored as resolved: restoring needs no actuals
        assertEquals(stored, Level.restore(1, stored).toDraft());

        // periods under members: each territory's months by its own months a year before
        data.history.put("EAST#2026-01-01@2026-01-31", new BigDecimal("1"));
        data.history.put("EAST#2026-02-01@2026-02-28", new BigDecimal("3"));
        data.history.put("2026-01-01@2026-01-31", new BigDecimal("1"));
        data.history.put("2026-02-01@2026-02-28", new BigDecimal("1"));
        LevelDraft months = new LevelDraft(Dimension.TIME, AllocationMethod.HISTORY, Granularity.MONTH, null, null,
                null, null, null, null, null, null, null, true);
        assertEquals(List.of("25.00", "75.00", "50.00", "50.00"), Plan.create(draft("200.00", "2027-01-01", "2027-02-28",
                        territories, months), data, "p", NOW, 100).plan().decompose().stream()
                .map(c -> c.amount().toPlainString()).toList());

        assertEquals("levels[0].byParent", refused(draft("1.00", "2027-01-01", "2027-01-31", new LevelDraft(
                Dimension.PRODUCT_LINE, AllocationMethod.HISTORY, null, List.of("A"), null, null, null, null, null, null,
                null, null, true), MONTHS), data).field(), "the first level has no parent");
        assertEquals("levels[1].byParent", refused(draft("1.00", "2027-01-01", "2027-01-31", territories, new LevelDraft(
                Dimension.PRODUCT_LINE, AllocationMethod.EQUAL, null, List.of("A"), null, null, null, null, null, null,
                null, null, true), MONTHS), data).field(), "byParent is for HISTORY");
    }

    @Test
    void totalFromHistoryTimesGrowth() {
        Data data = new Data();
        data.history.put("2026-01-01@2026-12-31", new BigDecimal("1000.004"));
        PlanDraft d = new PlanDraft("P1", "grow", TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY", null, null, "UTC", null,
                List.of(MONTHS), null, null, "2027", null, new PlanDraft.HistoryTotal(null, null, new BigDecimal("0.20")), null);
        Plan plan = Plan.create(d, data, "p", NOW, 100).plan();
        assertEquals(new BigDecimal("1200.00"), plan.total());
        assertTrue(plan.totalBasis().contains("x (1 + 0.20)"), plan.totalBasis());
        assertEquals("total", refused(new PlanDraft("P1", "grow", TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY", null,
                null, "UTC", BigDecimal.ONE, List.of(MONTHS), null, null, "2027", null,
                new PlanDraft.HistoryTotal(null, null, BigDecimal.ONE), null), data).field());
    }

    @Test
    void derivedKpisAreInheritedNeverSplit() {
        LevelDraft territories = new LevelDraft(Dimension.TERRITORY, AllocationMethod.EQUAL, null, List.of("EAST", "WEST"),
                null, null, null, null, map("WEST", "0.3000"), null, null, null);
        List<Cell> cells = cells(draft(Metric.CONVERSION_RATE, "RATIO", "0.2500", "2027-01-01", "2027-03-31",
                territories, MONTHS));
        assertEquals(6, cells.size());
        cells.forEach(c -> assertEquals(c.territory().equals("WEST") ? "0.3000" : "0.2500", c.amount().toPlainString()));
        assertEquals("levels[0].method", refused(draft(Metric.CONVERSION_RATE, "RATIO", "0.25", "2027-01-01",
                "2027-03-31", level(Dimension.TERRITORY, AllocationMethod.WEIGHTS, null, map("EAST", "1")), MONTHS)).field());
    }

    @Test
    void badLevelsAreNamed() {
        LevelDraft channels = level(Dimension.CHANNEL, AllocationMethod.EQUAL, List.of("DIRECT"), null);
        assertEquals("levels[1].dimension", refused(draft("1.00", "2027-01-01", "2027-01-31", channels, channels, MONTHS)).field());
        assertEquals("levels[0].members", refused(draft("1.00", "2027-01-01", "2027-01-31",
                level(Dimension.CUSTOMER_TYPE, AllocationMethod.EQUAL, List.of("B2G"), null), MONTHS)).field());
        assertEquals("levels[0].members", refused(draft("1.00", "2027-01-01", "2027-01-31",
                level(Dimension.PRODUCT_LINE, AllocationMethod.EQUAL, List.of(), null), MONTHS)).field());
        assertEquals("levels[0].weights", refused(draft("1.00", "2027-01-01", "2027-01-31",
                level(Dimension.PRODUCT_LINE, AllocationMethod.WEIGHTS, List.of("A"), map("B", "1")), MONTHS)).field(),
                "a weight for no member");
    }

    @Test
    void theCellCapIsCheckedBeforeAnyCellIsMade() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add("P" + i);
        }
        PlanDraft d = draft("1.00", "2027-01-01", "2031-12-31",
                level(Dimension.PRODUCT_LINE, AllocationMethod.EQUAL, many, null),
                level(Dimension.INDUSTRY, AllocationMethod.EQUAL, many, null), DAYS);
        PlanRuleViolation v = assertThrows(PlanRuleViolation.class, () -> Plan.create(d, new Data(), "p", NOW, Plan.MAX_CELLS));
        assertEquals("levels", v.field());
        assertTrue(v.getMessage().contains("1304000000 cells"), v.getMessage());
        assertEquals("levels", assertThrows(PlanRuleViolation.class, () -> Plan.create(
                draft("1.00", "2027-01-01", "2027-12-31", MONTHS), new Data(), "p", NOW, 11)).field());
    }

    @Test
    void alertLevelsAreCheckedAndKept() {
        assertEquals(List.of("cell", "territory,month", "region,quarter"),
                AlertLevels.checked(List.of("cell", "territory, month", "region,quarter")));
        for (List<String> bad : List.of(List.of("galaxy"), List.of("month,quarter"), List.of("cell", "cell"),
                List.of("territory,territory"))) {
            assertEquals("alertLevels", assertThrows(PlanRuleViolation.class, () -> AlertLevels.checked(bad)).field());
        }
    }

    @Test
    void periodsAsPlannersSayThem() {
        assertEquals(new Period(LocalDate.parse("2027-07-01"), LocalDate.parse("2027-09-30")), PeriodSpec.parse("FY2027-Q2", 4));
        assertEquals(new Period(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-06-30")), PeriodSpec.parse("2027-Q1..2027-Q2", 1));
        assertEquals(new Period(LocalDate.parse("2027-03-01"), LocalDate.parse("2027-05-31")), PeriodSpec.parse("2027-03..2027-05", 1));
        assertEquals(new Period(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31")), PeriodSpec.parse("2027", 7));
        for (String bad : List.of("2027-13", "2027-Q5", "FY27", "2027-05..2027-03", "a..b..c")) {
            assertThrows(PlanRuleViolation.class, () -> PeriodSpec.parse(bad, 1), bad);
        }
    }
}
