package io.quota.kpi.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.events.PlanPublished;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeLevelTest {
    @Test
    void theDefaultAlertLevelsParse() {
        List<NodeLevel> levels = PlanPublished.DEFAULT_ALERT_LEVELS.stream().map(NodeLevel::parse).toList();
        assertEquals(NodeLevel.CELL, levels.get(0));
        assertEquals(new NodeLevel(false, NodeLevel.TerritoryWord.TERRITORY, List.of(), Grain.MONTH), levels.get(1));
        assertEquals(new NodeLevel(false, NodeLevel.TerritoryWord.REGION, List.of(), Grain.QUARTER), levels.get(2));
        assertEquals(new NodeLevel(false, null, List.of(Dimension.PRODUCT_LINE, Dimension.CHANNEL), Grain.WEEK),
                NodeLevel.parse("productLine,week,channel"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "territory,region", "month,quarter", "colour", "channel,channel", "territory,",
            "cell,month"})
    void badLevelsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> NodeLevel.parse(text));
    }

    @Test
    void grainsGiveTheirPeriod() {
        LocalDate day = LocalDate.of(2027, 5, 20); // a Thursday
        assertEquals(new io.quota.kpi.domain.DateRange(day, day), Grain.DAY.periodOf(day));
        assertEquals(range("2027-05-17", "2027-05-23"), Grain.WEEK.periodOf(day));
        assertEquals(range("2027-05-01", "2027-05-31"), Grain.MONTH.periodOf(day));
        assertEquals(range("2027-04-01", "2027-06-30"), Grain.QUARTER.periodOf(day));
        assertEquals(range("2027-01-01", "2027-12-31"), Grain.YEAR.periodOf(day));
    }

    @Test
    void fiscalQuartersAndYearsCountFromTheFiscalStartMonth() {
        // a fiscal year starting in April: Q1 is April to June, Q4 January to March of the next calendar year
        assertEquals(range("2027-04-01", "2027-06-30"), Grain.QUARTER.periodOf(LocalDate.of(2027, 4, 1), 4));
        assertEquals(range("2027-04-01", "2027-06-30"), Grain.QUARTER.periodOf(LocalDate.of(2027, 6, 30), 4));
        assertEquals(range("2028-01-01", "2028-03-31"), Grain.QUARTER.periodOf(LocalDate.of(2028, 2, 29), 4));
        assertEquals(range("2027-04-01", "2028-03-31"), Grain.YEAR.periodOf(LocalDate.of(2028, 3, 31), 4));
        // a start month that is not a calendar quarter's: quarters run February-April, May-July...
        assertEquals(range("2027-02-01", "2027-04-30"), Grain.QUARTER.periodOf(LocalDate.of(2027, 3, 15), 2));
        assertEquals(range("2026-11-01", "2027-01-31"), Grain.QUARTER.periodOf(LocalDate.of(2027, 1, 10), 2));
        assertEquals(range("2026-02-01", "2027-01-31"), Grain.YEAR.periodOf(LocalDate.of(2027, 1, 10), 2));
        assertEquals(Grain.QUARTER.periodOf(LocalDate.of(2027, 5, 20)), Grain.QUARTER.periodOf(LocalDate.of(2027, 5, 20), 1));
        assertThrows(IllegalArgumentException.class, () -> Grain.YEAR.periodOf(LocalDate.of(2027, 5, 20), 13));
    }

    /** Every grain's period holds the day, and every day of it lies in the same period, for every fiscal start. */
    @Property
    void aGrainsPeriodHoldsTheDayAndIsTheSameForEachOfItsDays(
            @ForAll @IntRange(min = 0, max = 76_700) int daysAfter1990, @ForAll @IntRange(min = 1, max = 12) int start) {
        LocalDate day = LocalDate.of(1990, 1, 1).plusDays(daysAfter1990);
        for (Grain grain : Grain.values()) {
            io.quota.kpi.domain.DateRange period = grain.periodOf(day, start);
            assertTrue(period.contains(day));
            assertEquals(period, grain.periodOf(period.from(), start));
            assertEquals(period, grain.periodOf(period.to(), start));
        }
        // fiscal quarters and years start in the fiscal start month or a multiple of 3 months after it
        int offset = Math.floorMod(Grain.QUARTER.periodOf(day, start).from().getMonthValue() - start, 12);
        assertEquals(0, offset % 3);
        assertEquals(start, Grain.YEAR.periodOf(day, start).from().getMonthValue());
    }

    private static io.quota.kpi.domain.DateRange range(String from, String to) {
        return new io.quota.kpi.domain.DateRange(LocalDate.parse(from), LocalDate.parse(to));
    }
}
