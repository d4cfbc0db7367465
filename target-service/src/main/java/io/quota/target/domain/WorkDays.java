package io.quota.target.domain;

import io.quota.contracts.events.WorkCalendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Which days a plan calendar works: its weekdays minus holidays plus extra working days (调休). */
public final class WorkDays implements Predicate<LocalDate> {
    private final boolean everyDay;
    private final Set<DayOfWeek> weekdays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> extra;

    public WorkDays(WorkCalendar calendar) {
        everyDay = calendar.calendarDays();
        weekdays = calendar.workingDays() == null || calendar.workingDays().isEmpty() ? EnumSet.noneOf(DayOfWeek.class)
                : EnumSet.copyOf(calendar.workingDays());
        holidays = new HashSet<>(calendar.holidays() == null ? List.of() : calendar.holidays());
        extra = new HashSet<>(calendar.extraWorkingDays() == null ? List.of() : calendar.extraWorkingDays());
    }

    @Override
    public boolean test(LocalDate d) {
        if (everyDay || extra.contains(d)) {
            return true;
        }
        return !holidays.contains(d) && weekdays.contains(d.getDayOfWeek());
    }

    /** Working days in a period. */
    public int count(Period p) {
        int n = 0;
        for (LocalDate d = p.start(); !d.isAfter(p.end()); d = d.plusDays(1)) {
            if (test(d)) {
                n++;
            }
        }
        return n;
    }
}
