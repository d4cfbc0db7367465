package io.quota.target.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A closed range of business dates, both ends included. */
public record Period(LocalDate start, LocalDate end) {
    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("period ends before it starts: " + start + ".." + end);
        }
    }

    /** The calendar months this period touches, each clipped to the period. */
    public List<Period> months() {
        List<Period> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.atDay(1).isAfter(end); m = m.plusMonths(1)) {
            LocalDate from = m.atDay(1).isBefore(start) ? start : m.atDay(1);
            LocalDate to = m.atEndOfMonth().isAfter(end) ? end : m.atEndOfMonth();
            months.add(new Period(from, to));
        }
        return months;
    }

    /** The same dates one year earlier (the prior period of HISTORY). */
    public Period yearBefore() {
        return new Period(start.minusYears(1), end.minusYears(1));
    }

    public YearMonth month() {
        return YearMonth.from(start);
    }

    @Override
    public String toString() {
        return start + ".." + end;
    }
}
