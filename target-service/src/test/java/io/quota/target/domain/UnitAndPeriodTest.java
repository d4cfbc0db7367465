package io.quota.target.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitAndPeriodTest {

    @Test
    void minorUnitsComeFromTheCurrencyOrTheKindOfUnit() {
        assertEquals(2, Unit.of("CNY").minorUnit());
        assertEquals(2, Unit.of("USD").minorUnit());
        assertEquals(0, Unit.of("JPY").minorUnit());
        assertEquals(3, Unit.of("KWD").minorUnit());
        assertEquals(0, Unit.of("COUNT").minorUnit());
        assertEquals(4, Unit.of("RATIO").minorUnit());
    }

    @Test
    void unknownUnitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Unit.of("XYZ"));
        assertThrows(IllegalArgumentException.class, () -> Unit.of("cny"));
        assertThrows(IllegalArgumentException.class, () -> Unit.of("XAU"), "gold has no minor unit");
        assertThrows(IllegalArgumentException.class, () -> Unit.of(null));
    }

    @Test
    void anAmountFitsWhenItNeedsNoMoreDecimalsThanTheMinorUnit() {
        assertTrue(Unit.of("CNY").fits(new BigDecimal("1.50")));
        assertFalse(Unit.of("CNY").fits(new BigDecimal("1.505")));
        assertFalse(Unit.of("JPY").fits(new BigDecimal("1.5")));
        assertEquals(new BigDecimal("3.00"), Unit.of("CNY").normalise(new BigDecimal("3")));
    }

    @Test
    void monthsAreClippedToThePeriod() {
        Period p = new Period(LocalDate.parse("2027-01-15"), LocalDate.parse("2027-03-10"));
        assertEquals(List.of(
                new Period(LocalDate.parse("2027-01-15"), LocalDate.parse("2027-01-31")),
                new Period(LocalDate.parse("2027-02-01"), LocalDate.parse("2027-02-28")),
                new Period(LocalDate.parse("2027-03-01"), LocalDate.parse("2027-03-10"))), p.months());
        assertEquals(List.of(new Period(LocalDate.parse("2028-02-29"), LocalDate.parse("2028-02-29"))),
                new Period(LocalDate.parse("2028-02-29"), LocalDate.parse("2028-02-29")).months());
        assertThrows(IllegalArgumentException.class,
                () -> new Period(LocalDate.parse("2027-02-01"), LocalDate.parse("2027-01-31")));
    }
}
