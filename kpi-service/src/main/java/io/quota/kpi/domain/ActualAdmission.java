package io.quota.kpi.domain;

import io.quota.contracts.Metric;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Whether an actual may be counted (DESIGN.md section 5): derived KPIs are computed, never recorded; an actual
 * in a unit other than that of the active plans for its metric and date is refused with its reason, never
 * silently counted or lost. An actual that fits no plan is admitted (it shows as unplanned).
 */
public final class ActualAdmission {

    /** The reason to refuse, or empty when the actual is admitted. */
    public static Optional<String> refusal(Collection<PlanTerms> activePlans, Metric metric, String unit,
                                           LocalDate businessDate) {
        if (metric.derived()) {
            return Optional.of("metric " + metric + " is derived: it is computed from its parts, never recorded");
        }
        List<PlanTerms> applicable = activePlans.stream()
                .filter(p -> p.metric() == metric && p.period().contains(businessDate)).toList();
        if (applicable.isEmpty() || applicable.stream().anyMatch(p -> p.unit().equals(unit))) {
            return Optional.empty();
        }
        PlanTerms plan = applicable.get(0);
        return Optional.of("unit " + unit + " differs from plan " + plan.planId() + " v" + plan.version()
                + " which counts " + metric + " in " + plan.unit());
    }

    private ActualAdmission() {
    }
}
