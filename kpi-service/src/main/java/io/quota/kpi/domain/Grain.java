package io.quota.kpi.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** A size of period that roll-ups group time by: calendar days, ISO weeks, months, quarters and years. */
public enum Grain {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    /** The period of this grain that holds the day. */
    public DateRange periodOf(LocalDate day) {
        return switch (this) {
            case DAY -> new DateRange(day, day);
            case WEEK -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new DateRange(monday, monday.plusDays(6));
            }
            case MONTH -> new DateRange(day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case QUARTER -> {
                LocalDate first = LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
                yield new DateRange(first, first.plusMonths(3).minusDays(1));
            }
            case YEAR -> new DateRange(day.withDayOfYear(1), day.with(TemporalAdjusters.lastDayOfYear()));
        };
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
