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

    /** Every grain's period holds the day, and every day of it lies in the same period. */
    @Property
    void aGrainsPeriodHoldsTheDayAndIsTheSameForEachOfItsDays(
            @ForAll @IntRange(min = 0, max = 76_700) int daysAfter1990) {
        LocalDate day = LocalDate.of(1990, 1, 1).plusDays(daysAfter1990);
        for (Grain grain : Grain.values()) {
            io.quota.kpi.domain.DateRange period = grain.periodOf(day);
            assertTrue(period.contains(day));
            assertEquals(period, grain.periodOf(period.from()));
            assertEquals(period, grain.periodOf(period.to()));
        }
    }

    private static io.quota.kpi.domain.DateRange range(String from, String to) {
        return new io.quota.kpi.domain.DateRange(LocalDate.parse(from), LocalDate.parse(to));
    }
}
