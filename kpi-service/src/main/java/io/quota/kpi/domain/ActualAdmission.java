package io.quota.kpi.domain;

import io.quota.contracts.Metric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Whether an actual may be counted (DESIGN.md section 5, issue 6), the one home of these rules for REST and
 * Kafka alike: derived KPIs are computed, never recorded; a unit other than that of the active plans for its
 * metric and date is refused; a negative value is a reversal and names its original; a credit split sums to 100;
 * a closed period takes only adjustments. An actual that fits no plan is admitted (it shows as unplanned).
 */
public final class ActualAdmission {
    /** Amounts are stored with 18 digits before the point and 6 after. */
    public static final int MAX_INTEGER_DIGITS = 18;
    public static final LocalDate EARLIEST = LocalDate.of(1990, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    /** Why an actual is refused: the field at fault and a sentence for people. */
    public record Refusal(String field, String reason) {
    }

    /** What admission looks at. */
    public record Candidate(Metric metric, BigDecimal value, String unit, LocalDate businessDate, boolean reversal,
                            List<CreditSplit.Share> credits, boolean adjustment) {
    }

    /** The checks of form that need no stored state: digits, sign, date range, credit split. */
    public static Optional<Refusal> shapeRefusal(Candidate a) {
        if (a.value().scale() > CreditSplit.SCALE || a.value().precision() - a.value().scale() > MAX_INTEGER_DIGITS) {
            return Optional.of(new Refusal("value", "value " + a.value().toPlainString() + " has more than "
                    + MAX_INTEGER_DIGITS + " digits before the point or " + CreditSplit.SCALE + " after it"));
        }
        if (a.value().signum() < 0 && !a.reversal()) {
            return Optional.of(new Refusal("reversalOf",
                    "a negative value is a reversal and must name its original in reversalOf"));
        }
        if (a.businessDate().isBefore(EARLIEST) || a.businessDate().isAfter(LATEST)) {
            return Optional.of(new Refusal("businessDate", "businessDate " + a.businessDate() + " lies outside "
                    + EARLIEST + ".." + LATEST));
        }
        return CreditSplit.problem(a.credits()).map(p -> new Refusal("credits", p));
    }

    /** Every check: derived metric, form, then the active plans' units, then closed periods. */
    public static Optional<Refusal> refusal(Candidate a, Collection<PlanTerms> activePlans,
                                            Collection<ClosedPeriod> closed) {
        if (a.metric().derived()) {
            return Optional.of(new Refusal("metric", "metric " + a.metric()
                    + " is derived: it is computed from its parts, never recorded"));
        }
        Optional<Refusal> shape = shapeRefusal(a);
        if (shape.isPresent()) {
            return shape;
        }
        Optional<String> unit = unitRefusal(activePlans, a.metric(), a.unit(), a.businessDate());
        if (unit.isPresent()) {
            return unit.map(r -> new Refusal("unit", r));
        }
        Optional<ClosedPeriod> in = closedPeriodOf(closed, a.metric(), a.businessDate());
        if (in.isPresent() && !a.adjustment()) {
            ClosedPeriod p = in.get();
            return Optional.of(new Refusal("businessDate", "period " + p.period() + " is closed"
                    + (p.reason() == null ? "" : " (" + p.reason() + ")")
                    + ": only an actual marked as an adjustment is accepted into it"));
        }
        return Optional.empty();
    }

    /** The closed period the date lies in, for that metric, if any. */
    public static Optional<ClosedPeriod> closedPeriodOf(Collection<ClosedPeriod> closed, Metric metric, LocalDate day) {
        return closed.stream().filter(p -> p.closes(metric, day)).findFirst();
    }

    /** The reason to refuse a unit, or empty when the active plans for the metric and date count in it. */
    public static Optional<String> unitRefusal(Collection<PlanTerms> activePlans, Metric metric, String unit,
                                               LocalDate businessDate) {
        List<PlanTerms> applicable = activePlans.stream()
                .filter(p -> p.metric() == metric && p.period().contains(businessDate)).toList();
        if (applicable.isEmpty() || applicable.stream().anyMatch(p -> p.unit().equals(unit))) {
            return Optional.empty();
        }
        PlanTerms plan = applicable.get(0);
        return Optional.of("unit " + unit + " differs from plan " + plan.planId() + " v" + plan.version()
                + " which counts " + metric + " in " + plan.unit());
    }

    /** Kept for callers that know only the metric and unit (derived metrics, plan units). */
    public static Optional<String> refusal(Collection<PlanTerms> activePlans, Metric metric, String unit,
                                           LocalDate businessDate) {
        if (metric.derived()) {
            return Optional.of("metric " + metric + " is derived: it is computed from its parts, never recorded");
        }
        return unitRefusal(activePlans, metric, unit, businessDate);
    }

    private ActualAdmission() {
    }
}
