package io.quota.kpi.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CalendarPeriodTest {
    @Test
    void calendarPeriods() {
        assertEquals(range("2027-01-01", "2027-12-31"), CalendarPeriod.parse("2027"));
        assertEquals(range("2027-01-01", "2027-03-31"), CalendarPeriod.parse("2027-Q1"));
        assertEquals(range("2027-10-01", "2027-12-31"), CalendarPeriod.parse("2027-Q4"));
        assertEquals(range("2027-03-01", "2027-03-31"), CalendarPeriod.parse("2027-03"));
        assertEquals(range("2028-02-01", "2028-02-29"), CalendarPeriod.parse("2028-02"));
        assertEquals(range("2027-03-15", "2027-03-15"), CalendarPeriod.parse("2027-03-15"));
        assertEquals(range("2027-03-08", "2027-03-14"), CalendarPeriod.parse("2027-W10"));
        assertEquals(range("2026-12-28", "2027-01-03"), CalendarPeriod.parse("2026-W53"));
    }

    @Test
    void fiscalPeriodsFollowThePlansFiscalStart() {
        assertEquals(range("2027-04-01", "2028-03-31"), CalendarPeriod.parse("FY2027", 4));
        assertEquals(range("2027-04-01", "2027-06-30"), CalendarPeriod.parse("FY2027-Q1", 4));
        assertEquals(range("2028-01-01", "2028-03-31"), CalendarPeriod.parse("FY2027-Q4", 4));
        assertEquals(range("2027-01-01", "2027-03-31"), CalendarPeriod.parse("FY2027-Q1", 1));
        assertEquals(range("2027-03-01", "2027-03-31"), CalendarPeriod.parse("2027-03", 4), "calendar forms stay");
        assertThrows(IllegalArgumentException.class, () -> CalendarPeriod.parse("FY2027-Q5", 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "27", "2027-13", "2027-Q5", "2027-02-30", "2027-W54", "2027-W00", "FY2027", "2027-3",
            "2027-03-01..2027-03-31"})
    void badPeriodsAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> CalendarPeriod.parse(text));
    }

    private static DateRange range(String from, String to) {
        return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
    }
}
