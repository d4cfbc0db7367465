package io.quota.kpi.domain;

import io.quota.contracts.events.WorkCalendar;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkingDaysTest {
    private static final LocalDate MAR_1 = LocalDate.of(2027, 3, 1);
    private static final LocalDate MAR_31 = LocalDate.of(2027, 3, 31);
    private final WorkingDays weekdays = WorkingDays.of(WorkCalendar.mondayToFriday());

    @Test
    void march2027Has23WorkingDaysAnd15ByThe19th() {
        assertEquals(23, weekdays.count(MAR_1, MAR_31));
        assertEquals(15, weekdays.count(MAR_1, LocalDate.of(2027, 3, 19)));
        assertEquals(15, weekdays.count(MAR_1, LocalDate.of(2027, 3, 21)), "the weekend adds nothing");
        assertEquals(1, weekdays.count(MAR_1, MAR_1));
        assertEquals(0, weekdays.count(LocalDate.of(2027, 3, 6), LocalDate.of(2027, 3, 7)));
    }

    @Test
    void anEmptyOrReversedRangeHasNone() {
        assertEquals(0, weekdays.count(MAR_31, MAR_1));
    }

    @Test
    void holidaysAreRemovedAndExtraWorkingDaysAdded() {
        LocalDate holiday = LocalDate.of(2027, 3, 3);      // a Wednesday
        LocalDate saturday = LocalDate.of(2027, 3, 6);     // 调休: worked
        LocalDate weekendHoliday = LocalDate.of(2027, 3, 7);
        WorkCalendar cal = new WorkCalendar(WorkCalendar.mondayToFriday().workingDays(),
                List.of(holiday, weekendHoliday), List.of(saturday), false);
        WorkingDays days = WorkingDays.of(cal);
        assertFalse(days.isWorkingDay(holiday));
        assertTrue(days.isWorkingDay(saturday));
        assertEquals(23 - 1 + 1, days.count(MAR_1, MAR_31));
        assertEquals(4, days.count(MAR_1, LocalDate.of(2027, 3, 5)));
    }

    @Test
    void calendarDaysCountEveryDay() {
        WorkingDays every = WorkingDays.of(new WorkCalendar(List.of(), List.of(LocalDate.of(2027, 3, 3)), List.of(), true));
        assertEquals(31, every.count(MAR_1, MAR_31));
    }

    @Test
    void aMissingCalendarMeansMondayToFriday() {
        assertEquals(23, WorkingDays.of(null).count(MAR_1, MAR_31));
        assertEquals(23, WorkingDays.of(new WorkCalendar(null, null, null, false)).count(MAR_1, MAR_31));
    }

    @Property(tries = 300)
    void countEqualsCountingDayByDay(@ForAll("calendars") WorkCalendar calendar,
                                     @ForAll @IntRange(min = 0, max = 800) int startOffset,
                                     @ForAll @IntRange(min = -3, max = 500) int length) {
        WorkingDays days = WorkingDays.of(calendar);
        LocalDate from = LocalDate.of(2026, 6, 1).plusDays(startOffset);
        LocalDate to = from.plusDays(length);
        long naive = 0;
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (days.isWorkingDay(d)) {
                naive++;
            }
        }
        assertEquals(naive, days.count(from, to));
    }

    @Provide
    Arbitrary<WorkCalendar> calendars() {
        Arbitrary<Set<DayOfWeek>> weekdaySets = Arbitraries.of(DayOfWeek.class).set().ofMaxSize(7);
        Arbitrary<List<LocalDate>> dates = Arbitraries.integers().between(0, 1400)
                .map(i -> LocalDate.of(2026, 5, 1).plusDays(i)).list().ofMaxSize(30);
        return weekdaySets.flatMap(ws -> dates.flatMap(holidays -> dates.flatMap(extras -> Arbitraries.of(true, false)
                .map(calendarDays -> new WorkCalendar(new ArrayList<>(ws.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : ws),
                        holidays, extras, calendarDays)))));
    }
}
