package io.quota.contracts.events;

import java.math.BigDecimal;

/** Pace thresholds of a plan; DESIGN.md section 4 gives the defaults. */
public record DriftPolicy(BigDecimal warningBelow, BigDecimal criticalBelow, BigDecimal aheadAbove,
                          BigDecimal minElapsedFraction, BigDecimal hysteresis) {
    public static DriftPolicy defaults() {
        return new DriftPolicy(new BigDecimal("0.90"), new BigDecimal("0.80"), new BigDecimal("1.20"),
                new BigDecimal("0.10"), new BigDecimal("0.02"));
    }
}
