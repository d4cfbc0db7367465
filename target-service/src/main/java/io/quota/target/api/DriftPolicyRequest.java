package io.quota.target.api;

import io.quota.contracts.events.DriftPolicy;
import jakarta.validation.constraints.Digits;

import java.math.BigDecimal;

/** A plan's drift thresholds; each one left out takes its default (DESIGN.md section 4). */
public record DriftPolicyRequest(
        @Digits(integer = 3, fraction = 6) BigDecimal warningBelow,
        @Digits(integer = 3, fraction = 6) BigDecimal criticalBelow,
        @Digits(integer = 3, fraction = 6) BigDecimal aheadAbove,
        @Digits(integer = 3, fraction = 6) BigDecimal minElapsedFraction,
        @Digits(integer = 3, fraction = 6) BigDecimal hysteresis) {

    DriftPolicy toPolicy() {
        DriftPolicy d = DriftPolicy.defaults();
        return new DriftPolicy(or(warningBelow, d.warningBelow()), or(criticalBelow, d.criticalBelow()),
                or(aheadAbove, d.aheadAbove()), or(minElapsedFraction, d.minElapsedFraction()),
                or(hysteresis, d.hysteresis()));
    }

    private static BigDecimal or(BigDecimal given, BigDecimal fallback) {
        return given == null ? fallback : given;
    }
}
