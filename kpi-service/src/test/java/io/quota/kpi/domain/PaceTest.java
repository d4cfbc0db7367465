package io.quota.kpi.domain;

import io.quota.contracts.events.Figures;
import io.quota.contracts.events.WorkCalendar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaceTest {
    private static final DateRange MARCH = new DateRange(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31));
    private static final WorkingDays DAYS = WorkingDays.of(WorkCalendar.mondayToFriday());
    private static final BigDecimal TARGET = new BigDecimal("50000.00");

    @Test
    void liveFiguresOnThe22ndUseExpectedAsOfThe21st() {
        LocalDate asOf = Pace.liveAsOf(LocalDate.of(2027, 3, 22));
        Pace pace = Pace.ofCell(TARGET, new BigDecimal("20000.00"), MARCH, DAYS, asOf);
        assertEquals(15, pace.elapsedWorkingDays());
        assertEquals(23, pace.periodWorkingDays());
        Figures shown = pace.display("CNY");
        assertEquals(new BigDecimal("50000.00"), shown.target());
        assertEquals(new BigDecimal("20000.00"), shown.actual());
        assertEquals(new BigDecimal("32608.70"), shown.expectedToDate());
        assertEquals(new BigDecimal("0.4000"), shown.attainment());
        assertEquals(new BigDecimal("0.6133"), shown.pace());
        // run rate: actual x target / expected = 20000 x 23 / 15
        assertEquals(new BigDecimal("30666.67"), shown.forecast());
        assertEquals(LocalDate.of(2027, 3, 21), shown.asOf());
    }

    @Test
    void exactValuesAreKeptForComparisons() {
        Pace pace = Pace.ofCell(TARGET, new BigDecimal("20000.00"), MARCH, DAYS, LocalDate.of(2027, 3, 21));
        // 20000 / (50000 x 15/23) = 0.61333...: more than the 4 displayed decimals
        assertTrue(pace.pace().scale() > 4);
        assertEquals(0, pace.pace().compareTo(new BigDecimal("0.6133333333333333333333333333333333")));
    }

    @Test
    void nothingExpectedMeansPaceAndForecastAreUndefined() {
        Pace pace = Pace.ofCell(TARGET, new BigDecimal("100.00"), MARCH, DAYS, LocalDate.of(2027, 2, 28));
        assertEquals(0, pace.expectedToDate().signum());
        assertNull(pace.pace());
        assertNull(pace.forecast());
        assertEquals(new BigDecimal("0.0020"), pace.display("CNY").attainment());
        assertNull(pace.display("CNY").pace());
    }

    @Test
    void elapsedDaysAreClampedToThePeriod() {
        Pace after = Pace.ofCell(TARGET, TARGET, MARCH, DAYS, LocalDate.of(2027, 5, 1));
        assertEquals(23, after.elapsedWorkingDays());
        assertEquals(0, after.expectedToDate().compareTo(TARGET));
        assertEquals(0, after.pace().compareTo(BigDecimal.ONE));
    }

    @Test
    void aZeroTargetHasNoAttainment() {
        Pace pace = Pace.ofCell(BigDecimal.ZERO, BigDecimal.TEN, MARCH, DAYS, LocalDate.of(2027, 3, 21));
        assertNull(pace.attainment());
        assertNull(pace.pace());
    }

    @Test
    void amountsAreShownInTheUnitsMinorUnit() {
        Pace counts = Pace.ofCell(new BigDecimal("100"), new BigDecimal("7"), MARCH, DAYS, LocalDate.of(2027, 3, 21));
        assertEquals(new BigDecimal("65"), counts.display("COUNT").expectedToDate());   // 65.217...
        assertEquals(new BigDecimal("65.2174"), counts.display("RATIO").expectedToDate());
        assertEquals(new BigDecimal("0.1073"), counts.display("COUNT").pace());       // 7 / 65.217 = 0.10733
    }

    @Test
    void minimumElapsedIsCountedInWorkingDays() {
        // March has 23 working days: 10% is 2.3, so 2 days are not enough and 3 are
        assertTrue(!Pace.ofCell(TARGET, BigDecimal.ONE, MARCH, DAYS, LocalDate.of(2027, 3, 2))
                .elapsedAtLeast(new BigDecimal("0.10")));
        assertTrue(Pace.ofCell(TARGET, BigDecimal.ONE, MARCH, DAYS, LocalDate.of(2027, 3, 3))
                .elapsedAtLeast(new BigDecimal("0.10")));
    }
}
