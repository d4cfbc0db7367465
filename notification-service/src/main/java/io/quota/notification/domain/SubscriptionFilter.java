package io.quota.notification.domain;

import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which notices a subscription wants. Every part narrows: plans (none listed: every plan), a territory subtree (the
 * node's territory is it or lies below it; a roll-up naming no territory is outside every subtree), metrics (none:
 * every metric), the least severe drift (WARNING or CRITICAL), whether AHEAD (far above plan) counts, and whether
 * milestones (50/80/100 % reached) count. A resolution is wanted when the drift it ends would have been.
 * <p>
 * Defaults keep what a subscription made before filters existed heard: every drift including AHEAD, no milestones.
 */
public record SubscriptionFilter(List<String> plans, String territory, Set<Metric> metrics,
                                 MinimumSeverity minimumSeverity, boolean ahead, boolean milestones) {
    public static final SubscriptionFilter EVERYTHING = new SubscriptionFilter(null, null, null, null, true, false);

    public SubscriptionFilter {
        plans = plans == null || plans.isEmpty() ? null : List.copyOf(plans);
        metrics = metrics == null || metrics.isEmpty() ? null : Set.copyOf(metrics);
        minimumSeverity = minimumSeverity == null ? MinimumSeverity.WARNING : minimumSeverity;
    }

    /** Only these plans, the rest as {@link #EVERYTHING}. */
    public static SubscriptionFilter ofPlans(List<String> plans) {
        return new SubscriptionFilter(plans, null, null, null, true, false);
    }

    public boolean matchesPlan(String planId) {
        return plans == null || plans.contains(planId);
    }

    /** Whether deciding needs the node's territory walked up the tree. */
    public boolean hasTerritory() {
        return territory != null;
    }

    /**
     * @param ancestorsAndSelf the node's territory, its parent... up to the root; empty when the node names none.
     *                         Only read when {@link #hasTerritory()}.
     */
    public boolean accepts(Notice notice, List<String> ancestorsAndSelf) {
        Objects.requireNonNull(notice, "notice");
        if (!matchesPlan(notice.planId()) || (metrics != null && !metrics.contains(notice.metric()))) {
            return false;
        }
        if (territory != null && !ancestorsAndSelf.contains(territory)) {
            return false;
        }
        return switch (notice.kind()) {
            case MILESTONE -> milestones;
            case DRIFT_DETECTED -> wants(notice.state());
            // the producer may not know what it ends: a broad subscription hears it, a CRITICAL-only one does not
            case DRIFT_RESOLVED -> notice.previousState() == null ? minimumSeverity == MinimumSeverity.WARNING
                    : wants(notice.previousState());
        };
    }

    private boolean wants(DriftState state) {
        return state == DriftState.AHEAD ? ahead : minimumSeverity.admits(state);
    }
}
