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
 * {@code 2027-W10} (ISO week) and {@code 2027-03-15}; with a plan's fiscal start month also {@code FY2027} and
 * {@code FY2027-Q1} (FY2027 starts on the 1st of the fiscal start month of 2027, as target-service reads it).
 */
public final class CalendarPeriod {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern FISCAL = Pattern.compile("FY(\\d{4})(?:-Q([1-4]))?");

    /** A calendar or fiscal period; fiscalStartMonth (1..12) is the month the plan's fiscal year starts. */
    public static DateRange parse(String text, int fiscalStartMonth) {
        Matcher m = text == null ? null : FISCAL.matcher(text);
        if (m == null || !m.matches()) {
            return parse(text);
        }
        LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), fiscalStartMonth, 1);
        if (m.group(2) == null) {
            return new DateRange(start, start.plusYears(1).minusDays(1));
        }
        LocalDate quarter = start.plusMonths((Integer.parseInt(m.group(2)) - 1) * 3L);
        return new DateRange(quarter, quarter.plusMonths(3).minusDays(1));
    }

    /** The business dates a period stands for; IllegalArgumentException names what is wrong. */
    public static DateRange parse(String text) {
        if (text == null || text.isBlank() || text.length() > 10) {
            throw new IllegalArgumentException(SHAPES);
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
        throw new IllegalArgumentException(SHAPES);
    }

    private static final String SHAPES = "period must look like 2027, 2027-Q1, 2027-03, 2027-W10, 2027-03-15, FY2027 "
            + "or FY2027-Q1 (fiscal forms with a plan)";

    private CalendarPeriod() {
    }
}
