package io.quota.target.api;

import io.quota.contracts.events.WorkCalendar;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/** A plan's work calendar: working weekdays, holidays, extra working days (调休), phasing by calendar days. */
public record CalendarRequest(
        @Size(max = 7) List<@NotNull DayOfWeek> workingDays,
        @Size(max = 2000) List<@NotNull LocalDate> holidays,
        @Size(max = 2000) List<@NotNull LocalDate> extraWorkingDays,
        Boolean calendarDays) {

    WorkCalendar toCalendar() {
        return new WorkCalendar(workingDays, holidays, extraWorkingDays, Boolean.TRUE.equals(calendarDays));
    }
}
