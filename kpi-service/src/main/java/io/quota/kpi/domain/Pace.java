package io.quota.kpi.domain;

import io.quota.contracts.DriftState;
import io.quota.contracts.events.Figures;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The figures of a node as of a business date (DESIGN.md section 4). Values are kept exact (34 significant
 * digits) for comparisons; {@link #display(String)} rounds them for people: ratios to 4 decimals, amounts to
 * the unit's minor unit, both HALF_UP.
 *
 * @param expectedToDate     the part of the target the calendar says should be done by {@code asOf}
 * @param elapsedWorkingDays working days of the node's period up to asOf (clamped to the period)
 * @param periodWorkingDays  working days of the node's whole period
 */
public record Pace(BigDecimal target, BigDecimal actual, BigDecimal expectedToDate, long elapsedWorkingDays,
                   long periodWorkingDays, LocalDate asOf) {
    static final MathContext EXACT = MathContext.DECIMAL128;
    private static final int RATIO_SCALE = 4;

    public Pace {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(expectedToDate, "expectedToDate");
        Objects.requireNonNull(asOf, "asOf");
    }

    /** The as-of date of live figures while {@code today} is running: today is not yet owed. */
    public static LocalDate liveAsOf(LocalDate today) {
        return today.minusDays(1);
    }

    /** expected = target x (working days of [start, min(asOf, end)]) / (working days of [start, end]). */
    public static BigDecimal expectedToDate(BigDecimal target, DateRange period, WorkingDays days, LocalDate asOf) {
        long total = days.count(period.from(), period.to());
        long elapsed = elapsed(period, days, asOf);
        if (total == 0 || elapsed == 0) {
            return BigDecimal.ZERO;
        }
        if (elapsed == total) {
            return target;
        }
        return target.multiply(BigDecimal.valueOf(elapsed)).divide(BigDecimal.valueOf(total), EXACT);
    }

    /** Working days of the period up to and including asOf, clamped to the period. */
    public static long elapsed(DateRange period, WorkingDays days, LocalDate asOf) {
        DateRange done = period.until(asOf);
        return done == null ? 0 : days.count(done.from(), done.to());
    }

    /** The figures of one cell: its own period and target. */
    public static Pace ofCell(BigDecimal target, BigDecimal actual, DateRange period, WorkingDays days, LocalDate asOf) {
        return new Pace(target, actual, expectedToDate(target, period, days, asOf), elapsed(period, days, asOf),
                days.count(period.from(), period.to()), asOf);
    }

    /** actual / target; null for a zero target. */
    public BigDecimal attainment() {
        return target.signum() == 0 ? null : actual.divide(target, EXACT);
    }

    /** actual / expected; null (undefined) while nothing is expected. */
    public BigDecimal pace() {
        return expectedToDate.signum() == 0 ? null : actual.divide(expectedToDate, EXACT);
    }

    /** The run rate: actual x target / expected; null while nothing is expected. */
    public BigDecimal forecast() {
        return expectedToDate.signum() == 0 ? null : actual.multiply(target).divide(expectedToDate, EXACT);
    }

    /** Whether at least {@code fraction} of the period's working days have elapsed (alerts wait until then). */
    public boolean elapsedAtLeast(BigDecimal fraction) {
        return BigDecimal.valueOf(elapsedWorkingDays)
                .compareTo(fraction.multiply(BigDecimal.valueOf(periodWorkingDays))) >= 0;
    }

    /** The figures as shown and published, rounded for display. */
    public Figures display(String unit) {
        int money = Units.minorUnits(unit);
        return new Figures(round(target, money), round(actual, money), round(expectedToDate, money),
                round(attainment(), RATIO_SCALE), round(pace(), RATIO_SCALE), round(forecast(), money), asOf);
    }

    /**
     * What people see of these figures in a state, the as-of date left out: equal for two evaluations exactly when
     * neither a shown figure nor the state moved (a weekend moves the as-of date and nothing else).
     */
    public String shown(String unit, DriftState state) {
        Figures f = display(unit);
        return Stream.of(f.target(), f.actual(), f.expectedToDate(), f.attainment(), f.pace(),
                        f.forecast())
                .map(v -> v == null ? "-" : v.toPlainString())
                .collect(Collectors.joining("|", "", "|" + state));
    }

    public static BigDecimal round(BigDecimal value, int scale) {
        return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
    }
}
