package io.quota.contracts.events;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/** Which days work: weekdays, minus holidays, plus extra working days (调休). */
public record WorkCalendar(List<DayOfWeek> workingDays, List<LocalDate> holidays, List<LocalDate> extraWorkingDays,
                           boolean calendarDays) {
    public static WorkCalendar mondayToFriday() {
        return new WorkCalendar(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY), List.of(), List.of(), false);
    }
}
