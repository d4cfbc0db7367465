package io.quota.target.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plan period written the way planners say it: a fiscal year {@code FY2027} or fiscal quarter {@code FY2027-Q2}
 * (FY2027 starts on the 1st of the fiscal start month of 2027), a calendar year {@code 2027}, quarter
 * {@code 2027-Q1} or month {@code 2027-03}, or a range of quarters or months {@code 2027-Q1..2027-Q3},
 * {@code 2027-03..2027-05}.
 */
public final class PeriodSpec {
    private static final Pattern FISCAL = Pattern.compile("FY(\\d{4})(?:-Q([1-4]))?");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");

    public static Period parse(String spec, int fiscalStartMonth) {
        if (spec == null || spec.isBlank()) {
            throw new PlanRuleViolation("period", "empty period");
        }
        String[] ends = spec.strip().split("\\.\\.", -1);
        if (ends.length > 2) {
            throw new PlanRuleViolation("period", "a period is one term or a range from..to: " + spec);
        }
        Period first = one(ends[0], fiscalStartMonth, spec);
        Period last = ends.length == 2 ? one(ends[1], fiscalStartMonth, spec) : first;
        if (last.end().isBefore(first.start())) {
            throw new PlanRuleViolation("period", "the range ends before it starts: " + spec);
        }
        return new Period(first.start(), last.end());
    }

    private static Period one(String term, int fiscalStartMonth, String spec) {
        Matcher m;
        try {
            if ((m = FISCAL.matcher(term)).matches()) {
                YearMonth start = YearMonth.of(Integer.parseInt(m.group(1)), fiscalStartMonth);
                if (m.group(2) != null) {
                    start = start.plusMonths(3L * (Integer.parseInt(m.group(2)) - 1));
                    return months(start, 3);
                }
                return months(start, 12);
            }
            if ((m = YEAR.matcher(term)).matches()) {
                return months(YearMonth.of(Integer.parseInt(m.group(1)), 1), 12);
            }
            if ((m = QUARTER.matcher(term)).matches()) {
                return months(YearMonth.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2), 3);
            }
            if ((m = MONTH.matcher(term)).matches()) {
                return months(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))), 1);
            }
        } catch (java.time.DateTimeException e) {
            throw new PlanRuleViolation("period", "not a period: " + term + " (" + e.getMessage() + ")");
        }
        throw new PlanRuleViolation("period", "not a period like FY2027, FY2027-Q2, 2027, 2027-Q1, 2027-03 or a"
                + " range such as 2027-03..2027-05: " + spec);
    }

    private static Period months(YearMonth start, int count) {
        LocalDate from = start.atDay(1);
        return new Period(from, start.plusMonths(count - 1L).atEndOfMonth());
    }

    private PeriodSpec() {
    }
}
