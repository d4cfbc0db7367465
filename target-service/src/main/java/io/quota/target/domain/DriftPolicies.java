package io.quota.target.domain;

import io.quota.contracts.events.DriftPolicy;

import java.math.BigDecimal;

/** Rules of a plan's drift policy: 0 <= critical < warning < 1 < ahead, hysteresis 0..0.2, min elapsed 0..1. */
public final class DriftPolicies {
    private static final BigDecimal MAX_HYSTERESIS = new BigDecimal("0.2");

    /** The policy to use: the defaults (DESIGN.md section 4) when none is given; otherwise a checked one. */
    public static DriftPolicy checked(DriftPolicy p) {
        if (p == null) {
            return DriftPolicy.defaults();
        }
        require(p.warningBelow(), "warningBelow");
        require(p.criticalBelow(), "criticalBelow");
        require(p.aheadAbove(), "aheadAbove");
        require(p.minElapsedFraction(), "minElapsedFraction");
        require(p.hysteresis(), "hysteresis");
        if (p.criticalBelow().signum() < 0 || p.criticalBelow().compareTo(p.warningBelow()) >= 0) {
            throw violation("criticalBelow", "must be >= 0 and below warningBelow (" + p.warningBelow() + ")");
        }
        if (p.warningBelow().compareTo(BigDecimal.ONE) >= 0) {
            throw violation("warningBelow", "must be below 1 (a pace of 1 is exactly on plan)");
        }
        if (p.aheadAbove().compareTo(BigDecimal.ONE) <= 0) {
            throw violation("aheadAbove", "must be above 1 (a pace of 1 is exactly on plan)");
        }
        if (p.hysteresis().signum() < 0 || p.hysteresis().compareTo(MAX_HYSTERESIS) > 0) {
            throw violation("hysteresis", "must be between 0 and 0.2");
        }
        if (p.minElapsedFraction().signum() < 0 || p.minElapsedFraction().compareTo(BigDecimal.ONE) > 0) {
            throw violation("minElapsedFraction", "must be between 0 and 1");
        }
        return p;
    }

    private static void require(BigDecimal value, String field) {
        if (value == null) {
            throw violation(field, "must be given");
        }
    }

    private static PlanRuleViolation violation(String field, String message) {
        return new PlanRuleViolation("driftPolicy." + field, message);
    }

    private DriftPolicies() {
    }
}
