package io.quota.kpi.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Calendar periods as written in queries (DESIGN.md section 3a): {@code 2027}, {@code 2027-Q1}, {@code 2027-03},
 * {@code 2027-W10} (ISO week) and {@code 2027-03-15}. Fiscal periods need the plan's fiscal start: not yet.
 */
public final class CalendarPeriod {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The business dates a period stands for; IllegalArgumentException names what is wrong. */
    public static DateRange parse(String text) {
        if (text == null || text.isBlank() || text.length() > 10) {
            throw new IllegalArgumentException("period must look like 2027, 2027-Q1, 2027-03, 2027-W10 or 2027-03-15");
        }
        try {
            Matcher m;
            if ((m = YEAR.matcher(text)).matches()) {
                int year = Integer.parseInt(m.group(1));
                return new DateRange(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
            }
            if ((m = QUARTER.matcher(text)).matches()) {
                YearMonth first = YearMonth.of(Integer.parseInt(m.group(1)), (Integer.parseInt(m.group(2)) - 1) * 3 + 1);
                return new DateRange(first.atDay(1), first.plusMonths(2).atEndOfMonth());
            }
            if ((m = MONTH.matcher(text)).matches()) {
                YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                return new DateRange(month.atDay(1), month.atEndOfMonth());
            }
            if ((m = WEEK.matcher(text)).matches()) {
                int year = Integer.parseInt(m.group(1));
                int week = Integer.parseInt(m.group(2));
                LocalDate mid = LocalDate.of(year, 7, 1);
                if (week < 1 || week > mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                    throw new IllegalArgumentException("week " + week + " does not exist in " + year);
                }
                LocalDate monday = mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                return new DateRange(monday, monday.plusDays(6));
            }
            if (DAY.matcher(text).matches()) {
                LocalDate day = LocalDate.parse(text);
                return new DateRange(day, day);
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("period " + text + " is not a calendar period: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("period must look like 2027, 2027-Q1, 2027-03, 2027-W10 or 2027-03-15");
    }

    private CalendarPeriod() {
    }
}
