package io.quota.target.domain;

import io.quota.contracts.events.WorkCalendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules of a plan's work calendar (weekdays, holidays, extra working days 调休). */
public final class Calendars {

    /** The calendar to use: Monday to Friday when none is given; otherwise a checked, sorted copy. */
    public static WorkCalendar checked(WorkCalendar calendar) {
        if (calendar == null) {
            return WorkCalendar.mondayToFriday();
        }
        List<DayOfWeek> weekdays = calendar.workingDays();
        if (weekdays == null || (weekdays.isEmpty() && !calendar.calendarDays())) {
            throw new PlanRuleViolation("calendar.workingDays", "a calendar needs at least one working weekday");
        }
        requireDistinct(weekdays, "calendar.workingDays");
        List<LocalDate> holidays = calendar.holidays() == null ? List.of() : calendar.holidays();
        List<LocalDate> extra = calendar.extraWorkingDays() == null ? List.of() : calendar.extraWorkingDays();
        requireDistinct(holidays, "calendar.holidays");
        requireDistinct(extra, "calendar.extraWorkingDays");
        requireSaneDates(holidays, "calendar.holidays");
        requireSaneDates(extra, "calendar.extraWorkingDays");
        for (LocalDate d : extra) {
            if (holidays.contains(d)) {
                throw new PlanRuleViolation("calendar.extraWorkingDays", d + " is also a holiday");
            }
        }
        return new WorkCalendar(weekdays.stream().sorted().toList(), holidays.stream().sorted().toList(),
                extra.stream().sorted().toList(), calendar.calendarDays());
    }

    private static <T> void requireDistinct(List<T> values, String field) {
        Set<T> seen = new HashSet<>();
        for (T v : values) {
            if (v == null) {
                throw new PlanRuleViolation(field, "has an empty entry");
            }
            if (!seen.add(v)) {
                throw new PlanRuleViolation(field, v + " appears twice");
            }
        }
    }

    /** Calendar days lie in the same range as plan periods (a year like +999999999 is a typo, not a holiday). */
    private static void requireSaneDates(List<LocalDate> days, String field) {
        for (LocalDate d : days) {
            if (d.isBefore(Plan.EARLIEST) || d.isAfter(Plan.LATEST)) {
                throw new PlanRuleViolation(field, d + " is outside " + Plan.EARLIEST + ".." + Plan.LATEST);
            }
        }
    }

    private Calendars() {
    }
}
