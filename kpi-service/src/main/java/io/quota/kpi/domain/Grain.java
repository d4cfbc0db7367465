package io.quota.kpi.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A size of period that roll-ups group time by: calendar days, ISO weeks, months, and quarters and years that are
 * fiscal ones when a plan names the month its fiscal year starts in (calendar ones from January otherwise).
 */
public enum Grain {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    /** The period of this grain that holds the day; calendar quarters and years. */
    public DateRange periodOf(LocalDate day) {
        return periodOf(day, 1);
    }

    /** The period of this grain that holds the day, quarters and years counted from fiscalStartMonth (1..12). */
    public DateRange periodOf(LocalDate day, int fiscalStartMonth) {
        return switch (this) {
            case DAY -> new DateRange(day, day);
            case WEEK -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new DateRange(monday, monday.plusDays(6));
            }
            case MONTH -> new DateRange(day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case QUARTER -> fiscal(day, fiscalStartMonth, 3);
            case YEAR -> fiscal(day, fiscalStartMonth, 12);
        };
    }

    /** The run of {@code months} months holding the day, runs counted from the 1st of fiscalStartMonth. */
    private static DateRange fiscal(LocalDate day, int fiscalStartMonth, int months) {
        if (fiscalStartMonth < 1 || fiscalStartMonth > 12) {
            throw new IllegalArgumentException("a fiscal year starts in month 1 to 12, not " + fiscalStartMonth);
        }
        int monthsIntoYear = Math.floorMod(day.getMonthValue() - fiscalStartMonth, 12);
        LocalDate first = day.withDayOfMonth(1).minusMonths(monthsIntoYear % months);
        return new DateRange(first, first.plusMonths(months).minusDays(1));
    }

    /** The grain a query names ({@code month}); null when the word is no grain. */
    public static Grain named(String word) {
        for (Grain g : values()) {
            if (g.name().toLowerCase(Locale.ROOT).equals(word)) {
                return g;
            }
        }
        return null;
    }
}
