package io.quota.kpi.domain;

import io.quota.contracts.DriftState;
import io.quota.contracts.events.DriftPolicy;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The drift rules of one plan (DESIGN.md section 4), the one place they are written.
 * <ul>
 *   <li>No alert while pace is undefined (nothing expected yet) or before {@code minElapsedFraction} of the
 *       period's working days have elapsed: the node is (and stays, or returns to) ON_TRACK.</li>
 *   <li>Going into a worse band uses the plain thresholds: WARNING below {@code warningBelow}, CRITICAL below
 *       {@code criticalBelow}, AHEAD above {@code aheadAbove}.</li>
 *   <li>Leaving WARNING or CRITICAL upward needs pace &gt;= the threshold of the band being left + hysteresis
 *       (CRITICAL to WARNING &gt;= 0.82, to ON_TRACK &gt;= 0.92, WARNING to ON_TRACK &gt;= 0.92 by default);
 *       leaving AHEAD needs pace &lt;= aheadAbove - hysteresis.</li>
 * </ul>
 */
public final class DriftStateMachine {
    private final BigDecimal warningBelow;
    private final BigDecimal criticalBelow;
    private final BigDecimal aheadAbove;
    private final BigDecimal minElapsedFraction;
    private final BigDecimal hysteresis;

    public DriftStateMachine(DriftPolicy policy) {
        DriftPolicy p = policy == null ? DriftPolicy.defaults() : policy;
        DriftPolicy d = DriftPolicy.defaults();
        this.warningBelow = Objects.requireNonNullElse(p.warningBelow(), d.warningBelow());
        this.criticalBelow = Objects.requireNonNullElse(p.criticalBelow(), d.criticalBelow());
        this.aheadAbove = Objects.requireNonNullElse(p.aheadAbove(), d.aheadAbove());
        this.minElapsedFraction = Objects.requireNonNullElse(p.minElapsedFraction(), d.minElapsedFraction());
        this.hysteresis = Objects.requireNonNullElse(p.hysteresis(), d.hysteresis());
    }

    /** The state a node in {@code current} moves to given its figures (possibly the same state). */
    public DriftState next(DriftState current, Pace figures) {
        return next(current, figures.pace(), figures.elapsedAtLeast(minElapsedFraction));
    }

    /**
     * @param pace          exact pace, null when undefined
     * @param alertsAllowed whether enough of the period has elapsed for an alert
     */
    public DriftState next(DriftState current, BigDecimal pace, boolean alertsAllowed) {
        if (pace == null || !alertsAllowed) {
            return DriftState.ON_TRACK;
        }
        return switch (current) {
            case ON_TRACK -> band(pace);
            case WARNING -> {
                if (below(pace, criticalBelow)) {
                    yield DriftState.CRITICAL;
                }
                yield below(pace, warningBelow.add(hysteresis)) ? DriftState.WARNING : upperBand(pace);
            }
            case CRITICAL -> {
                if (below(pace, criticalBelow.add(hysteresis))) {
                    yield DriftState.CRITICAL;
                }
                yield below(pace, warningBelow.add(hysteresis)) ? DriftState.WARNING : upperBand(pace);
            }
            case AHEAD -> above(pace, aheadAbove.subtract(hysteresis)) ? DriftState.AHEAD : band(pace);
        };
    }

    /** The change a move from {@code from} to {@code to} announces, if any. */
    public static Optional<DriftChange> change(DriftState from, DriftState to) {
        if (from == to) {
            return Optional.empty();
        }
        return Optional.of(to == DriftState.ON_TRACK ? new DriftChange.Resolved(from) : new DriftChange.Detected(to, from));
    }

    /** The band by the plain thresholds, for a node coming from ON_TRACK (or falling out of AHEAD). */
    private DriftState band(BigDecimal pace) {
        if (below(pace, criticalBelow)) {
            return DriftState.CRITICAL;
        }
        if (below(pace, warningBelow)) {
            return DriftState.WARNING;
        }
        return upperBand(pace);
    }

    private DriftState upperBand(BigDecimal pace) {
        return above(pace, aheadAbove) ? DriftState.AHEAD : DriftState.ON_TRACK;
    }

    private static boolean below(BigDecimal pace, BigDecimal threshold) {
        return pace.compareTo(threshold) < 0;
    }

    private static boolean above(BigDecimal pace, BigDecimal threshold) {
        return pace.compareTo(threshold) > 0;
    }
}
