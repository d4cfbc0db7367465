package io.quota.kpi.domain;

import io.quota.contracts.events.WorkCalendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The working days of a plan's calendar: its working weekdays, minus holidays, plus extra working days (调休);
 * a calendar-days plan counts every day. Daily phasing of a target is by these days (DESIGN.md section 4).
 */
public final class WorkingDays {
    private final Set<DayOfWeek> weekdays;
    private final TreeSet<LocalDate> holidays;
    private final TreeSet<LocalDate> extraWorkingDays;
    private final boolean calendarDays;

    private WorkingDays(Set<DayOfWeek> weekdays, List<LocalDate> holidays, List<LocalDate> extraWorkingDays,
                        boolean calendarDays) {
        this.weekdays = weekdays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekdays);
        this.holidays = new TreeSet<>(holidays);
        this.extraWorkingDays = new TreeSet<>(extraWorkingDays);
        this.calendarDays = calendarDays;
    }

    /** A missing calendar (or a missing list in it) means Monday to Friday without exceptions. */
    public static WorkingDays of(WorkCalendar calendar) {
        WorkCalendar c = calendar == null ? WorkCalendar.mondayToFriday() : calendar;
        List<DayOfWeek> weekdays = c.workingDays() == null ? WorkCalendar.mondayToFriday().workingDays()
                : c.workingDays();
        return new WorkingDays(Set.copyOf(weekdays), c.holidays() == null ? List.of() : c.holidays(),
                c.extraWorkingDays() == null ? List.of() : c.extraWorkingDays(), c.calendarDays());
    }

    public boolean isWorkingDay(LocalDate day) {
        if (calendarDays) {
            return true;
        }
        if (extraWorkingDays.contains(day)) {
            return true;
        }
        return weekdays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** Working days in [from, to], both inclusive; 0 when to is before from. */
    public long count(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return 0;
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (calendarDays) {
            return days;
        }
        // whole weeks by arithmetic, the remainder day by day, then the dated exceptions inside the range
        long count = (days / 7) * weekdays.size();
        LocalDate d = from.plusDays((days / 7) * 7);
        for (; !d.isAfter(to); d = d.plusDays(1)) {
            if (weekdays.contains(d.getDayOfWeek())) {
                count++;
            }
        }
        for (LocalDate h : holidays.subSet(from, true, to, true)) {
            if (weekdays.contains(h.getDayOfWeek()) && !extraWorkingDays.contains(h)) {
                count--;
            }
        }
        for (LocalDate x : extraWorkingDays.subSet(from, true, to, true)) {
            if (!weekdays.contains(x.getDayOfWeek())) {
                count++;
            }
        }
        return count;
    }
}
