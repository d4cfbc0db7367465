package io.quota.target.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The period size a TIME level splits into, coarse to fine (year > quarter > month > day). A level splits its
 * parent's period straight into periods of this size, each clipped to the parent: years and quarters are counted
 * from the plan's fiscal year start month; days are the
 * working days of the plan calendar (every day when the calendar says calendar days). Weeks are roll-ups of days,
 * never a split.
 */
public enum Granularity {
    YEAR, QUARTER, MONTH, DAY;

    /** The periods of this size inside {@code parent}, in date order. */
    public List<Period> split(Period parent, int fiscalStartMonth, Predicate<LocalDate> working) {
        List<Period> parts = new ArrayList<>();
        if (this == DAY) {
            for (LocalDate d = parent.start(); !d.isAfter(parent.end()); d = d.plusDays(1)) {
                if (working.test(d)) {
                    parts.add(new Period(d, d));
                }
            }
            return parts;
        }
        int step = this == YEAR ? 12 : this == QUARTER ? 3 : 1;
        YearMonth first = YearMonth.from(parent.start());
        if (step > 1) {
            // back to the fiscal year's or quarter's start: months since the fiscal start, rounded down to a step
            first = first.minusMonths(Math.floorMod(first.getMonthValue() - fiscalStartMonth, step));
        }
        for (YearMonth m = first; !m.atDay(1).isAfter(parent.end()); m = m.plusMonths(step)) {
            LocalDate from = m.atDay(1).isBefore(parent.start()) ? parent.start() : m.atDay(1);
            LocalDate last = m.plusMonths(step - 1L).atEndOfMonth();
            LocalDate to = last.isAfter(parent.end()) ? parent.end() : last;
            parts.add(new Period(from, to));
        }
        return parts;
    }

    /** How a period of this size is named in weights and per-parent maps: 2027-03 for a month, else its start date. */
    public String label(Period p) {
        return this == MONTH ? YearMonth.from(p.start()).toString() : p.start().toString();
    }

    /**
     * The same period a year earlier, whose actuals weigh it under HISTORY: for a day the same weekday 52 weeks
     * before (a Monday is compared with a Monday), for a month or quarter the same dates a year before.
     */
    public Period prior(Period p) {
        return this == DAY ? new Period(p.start().minusWeeks(52), p.end().minusWeeks(52)) : p.yearBefore();
    }

    /** True when {@code d} starts a period of this size. */
    public boolean starts(LocalDate d, int fiscalStartMonth) {
        return switch (this) {
            case DAY -> true;
            case MONTH -> d.getDayOfMonth() == 1;
            case QUARTER -> d.getDayOfMonth() == 1 && Math.floorMod(d.getMonthValue() - fiscalStartMonth, 3) == 0;
            case YEAR -> d.getDayOfMonth() == 1 && d.getMonthValue() == fiscalStartMonth;
        };
    }

    /** True when {@code d} ends a period of this size. */
    public boolean ends(LocalDate d, int fiscalStartMonth) {
        return starts(d.plusDays(1), fiscalStartMonth);
    }
}
