package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanTest {
    static final Instant NOW = Instant.parse("2027-02-01T08:00:00Z");
    static final LevelDraft EQUAL_EAST_WEST = new LevelDraft(Dimension.TERRITORY, AllocationMethod.EQUAL, null,
            List.of("EAST", "WEST"), null);
    static final LevelDraft MONTHS = new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, Granularity.MONTH, null, null);

    static PlanDraft fy27(UnaryOperator<PlanDraftBuilder> change) {
        return change.apply(new PlanDraftBuilder()).build();
    }

    /** The example of the brief, changed one field at a time. */
    static final class PlanDraftBuilder {
        String id = "FY27-REV";
        Metric metric = Metric.REVENUE;
        String unit = "CNY";
        LocalDate start = LocalDate.parse("2027-03-01");
        LocalDate end = LocalDate.parse("2027-05-31");
        String zone = "Asia/Shanghai";
        BigDecimal total = new BigDecimal("300000.00");
        List<LevelDraft> levels = List.of(EQUAL_EAST_WEST, MONTHS);
        WorkCalendar calendar;
        DriftPolicy policy;

        PlanDraftBuilder id(String v) { id = v; return this; }
        PlanDraftBuilder metric(Metric v) { metric = v; return this; }
        PlanDraftBuilder unit(String v) { unit = v; return this; }
        PlanDraftBuilder period(String s, String e) { start = LocalDate.parse(s); end = LocalDate.parse(e); return this; }
        PlanDraftBuilder zone(String v) { zone = v; return this; }
        PlanDraftBuilder total(String v) { total = new BigDecimal(v); return this; }
        PlanDraftBuilder levels(LevelDraft... v) { levels = List.of(v); return this; }
        PlanDraftBuilder calendar(WorkCalendar v) { calendar = v; return this; }
        PlanDraftBuilder policy(DriftPolicy v) { policy = v; return this; }

        PlanDraft build() {
            return new PlanDraft(id, "FY2027 revenue", TaskType.NEW_BUSINESS, metric, unit, start, end, zone, total,
                    levels, calendar, policy);
        }
    }

    static Plan.NewPlan create(PlanDraft draft) {
        return Plan.create(draft, InMemoryTerritories.china(), "planner", NOW);
    }

    static PlanRuleViolation refused(PlanDraft draft) {
        // per-parent rules (MANUAL sums, pins) are checked while the cells stream
        return assertThrows(PlanRuleViolation.class, () -> create(draft).cells());
    }

    @Test
    void theExampleMakesSixCellsOfFiftyThousand() {
        Plan.NewPlan created = create(fy27(b -> b));
        List<Cell> cells = created.cells();
        assertEquals(List.of(
                "FY27-REV~territory=EAST~2027-03-01..2027-03-31",
                "FY27-REV~territory=EAST~2027-04-01..2027-04-30",
                "FY27-REV~territory=EAST~2027-05-01..2027-05-31",
                "FY27-REV~territory=WEST~2027-03-01..2027-03-31",
                "FY27-REV~territory=WEST~2027-04-01..2027-04-30",
                "FY27-REV~territory=WEST~2027-05-01..2027-05-31"), cells.stream().map(Cell::cellKey).toList());
        cells.forEach(c -> assertEquals(new BigDecimal("50000.00"), c.amount()));
        PlanVersion v1 = created.plan().versions().get(0);
        assertEquals(1, v1.number());
        assertEquals(VersionStatus.DRAFT, v1.status());
        assertEquals(6, v1.cellCount());
        assertEquals(new BigDecimal("300000.00"), v1.total());
        assertEquals(WorkCalendar.mondayToFriday(), created.plan().calendar());
        assertEquals(DriftPolicy.defaults(), created.plan().driftPolicy());
        assertEquals(created.cells(), created.plan().decompose(), "decomposition is deterministic");
    }

    @Test
    void everyParentIsTheExactSumOfItsChildren() {
        // 100.00 over three territories, then over three months each: 33.34 / 33.33 / 33.33, then cents by month
        Plan.NewPlan created = Plan.create(fy27(b -> b.total("100.00").levels(
                        new LevelDraft(Dimension.TERRITORY, AllocationMethod.EQUAL, null, List.of("WEST", "EAST", "SOUTH"), null),
                        MONTHS)),
                InMemoryTerritories.china().with("SOUTH", "CN", "GEOGRAPHIC", "ACTIVE"), "planner", NOW);
        Map<String, BigDecimal> byTerritory = created.cells().stream().collect(Collectors.groupingBy(Cell::territory,
                Collectors.reducing(BigDecimal.ZERO, Cell::amount, BigDecimal::add)));
        assertEquals(Map.of("EAST", new BigDecimal("33.34"), "SOUTH", new BigDecimal("33.33"),
                "WEST", new BigDecimal("33.33")), byTerritory);
        List<BigDecimal> east = created.cells().stream().filter(c -> c.territory().equals("EAST")).map(Cell::amount).toList();
        assertEquals(List.of(new BigDecimal("11.12"), new BigDecimal("11.11"), new BigDecimal("11.11")), east,
                "the leftover cent goes to the earliest month");
        assertEquals(new BigDecimal("100.00"), created.cells().stream().map(Cell::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    @Test
    void weightsPerTerritoryAndPerMonth() {
        Map<String, BigDecimal> months = new LinkedHashMap<>();
        months.put("2027-03", new BigDecimal("1"));
        months.put("2027-04", new BigDecimal("2"));
        months.put("2027-05", new BigDecimal("1"));
        Plan.NewPlan created = create(fy27(b -> b.unit("JPY").total("1000001").levels(
                new LevelDraft(Dimension.TERRITORY, AllocationMethod.WEIGHTS, null, null,
                        Map.of("EAST", new BigDecimal("3"), "WEST", new BigDecimal("1"))),
                new LevelDraft(Dimension.TIME, AllocationMethod.WEIGHTS, Granularity.MONTH, null, months))));
        Map<String, BigDecimal> cells = created.cells().stream().collect(Collectors.toMap(Cell::cellKey, Cell::amount));
        // EAST 750000.75 -> 750001 (larger remainder), WEST 250000; then 1:2:1 by month, April has the largest remainder
        assertEquals(new BigDecimal("187500"), cells.get("FY27-REV~territory=EAST~2027-03-01..2027-03-31"));
        assertEquals(new BigDecimal("375001"), cells.get("FY27-REV~territory=EAST~2027-04-01..2027-04-30"));
        assertEquals(new BigDecimal("187500"), cells.get("FY27-REV~territory=EAST~2027-05-01..2027-05-31"));
        assertEquals(new BigDecimal("62500"), cells.get("FY27-REV~territory=WEST~2027-03-01..2027-03-31"));
        assertEquals(new BigDecimal("125000"), cells.get("FY27-REV~territory=WEST~2027-04-01..2027-04-30"));
        assertEquals(new BigDecimal("62500"), cells.get("FY27-REV~territory=WEST~2027-05-01..2027-05-31"));
    }

    @Test
    void timeFirstThenTerritoryAndMonthsClippedToThePeriod() {
        Plan.NewPlan created = create(fy27(b -> b.period("2027-03-15", "2027-05-10").total("90.00")
                .levels(MONTHS, EQUAL_EAST_WEST)));
        assertEquals(List.of(
                "FY27-REV~territory=EAST~2027-03-15..2027-03-31",
                "FY27-REV~territory=EAST~2027-04-01..2027-04-30",
                "FY27-REV~territory=EAST~2027-05-01..2027-05-10",
                "FY27-REV~territory=WEST~2027-03-15..2027-03-31",
                "FY27-REV~territory=WEST~2027-04-01..2027-04-30",
                "FY27-REV~territory=WEST~2027-05-01..2027-05-10"), created.cells().stream().map(Cell::cellKey).toList());
        created.cells().forEach(c -> assertEquals(new BigDecimal("15.00"), c.amount()));
    }

    @Test
    void equalWithoutMembersTakesEveryActiveLeafTerritory() {
        Plan.NewPlan created = create(fy27(b -> b.levels(
                new LevelDraft(Dimension.TERRITORY, AllocationMethod.EQUAL, null, null, null), MONTHS)));
        assertEquals(List.of("EAST", "WEST"), created.plan().levels().get(0).members(),
                "CN is a REGION and NORTH is archived");
        PlanRuleViolation none = assertThrows(PlanRuleViolation.class, () -> Plan.create(fy27(b -> b.levels(
                        new LevelDraft(Dimension.TERRITORY, AllocationMethod.EQUAL, null, List.of(), null), MONTHS)),
                new InMemoryTerritories(), "planner", NOW));
        assertEquals("levels[0].members", none.field());
    }

    @Test
    void aPlanWithoutIdGetsAValidOne() {
        Plan plan = create(fy27(b -> b.id(null))).plan();
        assertTrue(io.quota.contracts.NodeKey.ID.matcher(plan.id()).matches(), plan.id());
    }

    @Test
    void rulesNameTheOffendingField() {
        assertEquals("unit", refused(fy27(b -> b.unit("XYZ"))).field());
        assertEquals("total", refused(fy27(b -> b.total("-1.00"))).field());
        assertEquals("total", refused(fy27(b -> b.total("1.005"))).field());
        assertEquals("total", refused(fy27(b -> b.unit("JPY").total("1.5"))).field());
        assertEquals("periodEnd", refused(fy27(b -> b.period("2027-03-01", "2027-02-28"))).field());
        assertEquals("periodEnd", refused(fy27(b -> b.period("2027-01-01", "2032-01-01"))).field());
        create(fy27(b -> b.period("2027-01-01", "2031-12-31"))); // exactly five years is fine
        assertEquals("timeZone", refused(fy27(b -> b.zone("Mars/Olympus"))).field());
        assertEquals("levels", refused(fy27(b -> b.levels())).field());
        assertEquals("levels", refused(fy27(b -> b.levels(EQUAL_EAST_WEST))).field(), "no TIME level");
        assertEquals("levels[1].dimension", refused(fy27(b -> b.levels(EQUAL_EAST_WEST, EQUAL_EAST_WEST, MONTHS))).field());
        assertEquals("levels[0].members", refused(fy27(b -> b.levels(
                new LevelDraft(Dimension.CHANNEL, AllocationMethod.EQUAL, null, List.of("TELEPATHY"), null), MONTHS))).field(),
                "an unknown member");
        assertEquals("levels[0].method", refused(fy27(b -> b.levels(
                new LevelDraft(Dimension.TERRITORY, AllocationMethod.POTENTIAL, null, null, null), MONTHS))).field(),
                "no potential known");
        assertEquals("levels[0].method", refused(fy27(b -> b.levels(
                new LevelDraft(Dimension.CHANNEL, AllocationMethod.POTENTIAL, null, List.of("DIRECT"), null), MONTHS))).field());
        assertEquals("levels[1].granularity", refused(fy27(b -> b.levels(EQUAL_EAST_WEST,
                new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, null, null, null)))).field());
        assertEquals("periodStart", refused(fy27(b -> b.levels(EQUAL_EAST_WEST,
                new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, Granularity.QUARTER, null, null)))).field(),
                "March does not start a quarter of a fiscal year starting in January");
    }

    @Test
    void membersMustBeActiveLeafTerritoriesOfTheReplica() {
        for (String bad : List.of("SOUTH", "CN", "NORTH")) {
            PlanRuleViolation v = refused(fy27(b -> b.levels(new LevelDraft(Dimension.TERRITORY, AllocationMethod.EQUAL,
                    null, List.of("EAST", bad), null), MONTHS)));
            assertEquals("levels[0].members", v.field());
            assertTrue(v.getMessage().contains(bad), v.getMessage());
        }
        PlanRuleViolation weighted = refused(fy27(b -> b.levels(new LevelDraft(Dimension.TERRITORY,
                AllocationMethod.WEIGHTS, null, null, Map.of("EAST", BigDecimal.ONE, "SOUTH", BigDecimal.ONE)), MONTHS)));
        assertEquals("levels[0].weights", weighted.field());
        assertEquals("levels[0].members", refused(fy27(b -> b.levels(new LevelDraft(Dimension.TERRITORY,
                AllocationMethod.EQUAL, null, List.of("EAST", "EAST"), null), MONTHS))).field());
    }

    @Test
    void badWeightsAreRefused() {
        Map<String, BigDecimal> negative = Map.of("EAST", new BigDecimal("-1"), "WEST", new BigDecimal("2"));
        Map<String, BigDecimal> zeros = Map.of("EAST", BigDecimal.ZERO, "WEST", BigDecimal.ZERO);
        for (Map<String, BigDecimal> weights : List.of(negative, zeros, Map.<String, BigDecimal>of())) {
            assertEquals("levels[0].weights", refused(fy27(b -> b.levels(new LevelDraft(Dimension.TERRITORY,
                    AllocationMethod.WEIGHTS, null, null, weights), MONTHS))).field());
        }
        assertEquals("levels[0].weights", refused(fy27(b -> b.levels(new LevelDraft(Dimension.TERRITORY,
                AllocationMethod.EQUAL, null, List.of("EAST"), Map.of("EAST", BigDecimal.ONE)), MONTHS))).field());
        // month weights: every month of the period, no other, keyed like 2027-03
        assertEquals("levels[1].weights", refused(fy27(b -> b.levels(EQUAL_EAST_WEST, new LevelDraft(Dimension.TIME,
                AllocationMethod.WEIGHTS, Granularity.MONTH, null, Map.of("2027-03", BigDecimal.ONE))))).field());
        assertEquals("levels[1].weights", refused(fy27(b -> b.levels(EQUAL_EAST_WEST, new LevelDraft(Dimension.TIME,
                AllocationMethod.WEIGHTS, Granularity.MONTH, null, Map.of("2027-03", BigDecimal.ONE, "2027-04",
                BigDecimal.ONE, "2027-05", BigDecimal.ONE, "2027-06", BigDecimal.ONE))))).field());
        assertEquals("levels[1].weights", refused(fy27(b -> b.levels(EQUAL_EAST_WEST, new LevelDraft(Dimension.TIME,
                AllocationMethod.WEIGHTS, Granularity.MONTH, null, Map.of("March", BigDecimal.ONE))))).field());
    }

    @Test
    void calendarAndDriftPolicyRules() {
        WorkCalendar sixDays = new WorkCalendar(List.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY), null,
                List.of(LocalDate.parse("2027-04-25")), false);
        WorkCalendar stored = create(fy27(b -> b.calendar(sixDays))).plan().calendar();
        assertEquals(List.of(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), stored.workingDays());
        assertEquals(List.of(), stored.holidays());
        assertEquals("calendar.workingDays", refused(fy27(b -> b.calendar(
                new WorkCalendar(List.of(), List.of(), List.of(), false)))).field());
        assertEquals("calendar.workingDays", refused(fy27(b -> b.calendar(
                new WorkCalendar(List.of(DayOfWeek.MONDAY, DayOfWeek.MONDAY), List.of(), List.of(), false)))).field());
        LocalDate may1 = LocalDate.parse("2027-05-01");
        assertEquals("calendar.extraWorkingDays", refused(fy27(b -> b.calendar(
                new WorkCalendar(List.of(DayOfWeek.MONDAY), List.of(may1), List.of(may1), false)))).field());

        DriftPolicy d = DriftPolicy.defaults();
        assertEquals("driftPolicy.criticalBelow", refused(fy27(b -> b.policy(new DriftPolicy(d.warningBelow(),
                new BigDecimal("0.95"), d.aheadAbove(), d.minElapsedFraction(), d.hysteresis())))).field());
        assertEquals("driftPolicy.warningBelow", refused(fy27(b -> b.policy(new DriftPolicy(new BigDecimal("1.00"),
                d.criticalBelow(), d.aheadAbove(), d.minElapsedFraction(), d.hysteresis())))).field());
        assertEquals("driftPolicy.aheadAbove", refused(fy27(b -> b.policy(new DriftPolicy(d.warningBelow(),
                d.criticalBelow(), new BigDecimal("1"), d.minElapsedFraction(), d.hysteresis())))).field());
        assertEquals("driftPolicy.hysteresis", refused(fy27(b -> b.policy(new DriftPolicy(d.warningBelow(),
                d.criticalBelow(), d.aheadAbove(), d.minElapsedFraction(), new BigDecimal("0.21"))))).field());
        assertEquals("driftPolicy.minElapsedFraction", refused(fy27(b -> b.policy(new DriftPolicy(d.warningBelow(),
                d.criticalBelow(), d.aheadAbove(), new BigDecimal("1.5"), d.hysteresis())))).field());
    }

    @Test
    void approvalNeedsSubmissionFirst() {
        Plan plan = create(fy27(b -> b)).plan();
        assertThrows(IllegalTransition.class, () -> plan.approve(1, "approver", NOW));
        plan.submit(1, "planner", NOW);
        plan.approve(1, "approver", NOW);
        assertEquals(VersionStatus.APPROVED, plan.version(1).orElseThrow().status());
        assertThrows(java.util.NoSuchElementException.class, () -> plan.submit(2, "planner", NOW));
    }
}
