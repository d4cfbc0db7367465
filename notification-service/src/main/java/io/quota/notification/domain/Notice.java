package io.quota.notification.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;
import io.quota.contracts.events.Figures;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One thing worth telling a sales team about a node, whatever the channel: a drift detected or resolved, or a
 * milestone reached. The figures are the node's as the event carried them.
 *
 * @param state         the new drift state (ON_TRACK for a resolution); for a milestone the node's drift state is
 *                      unknown here and this is null
 * @param previousState the state before (null when the producer did not know, and for a milestone)
 * @param milestone     the percentage reached (50, 80 or 100) for a MILESTONE, otherwise null
 */
public record Notice(NoticeKind kind, UUID eventId, Instant occurredAt, NodeKey node, int planVersion, Metric metric,
                     String unit, DriftState state, DriftState previousState, Figures figures, Integer milestone) {
    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(figures, "figures");
        if (kind == NoticeKind.MILESTONE && milestone == null) {
            throw new IllegalArgumentException("a milestone notice names its milestone");
        }
        if (kind != NoticeKind.MILESTONE && state == null) {
            throw new IllegalArgumentException("a drift notice names its state");
        }
    }

    public String planId() {
        return node.planId();
    }

    /** The node's territory member; null for a node that names none (a roll-up across territories). */
    public String territoryId() {
        return node.member(Dimension.TERRITORY);
    }

    /**
     * Critical news goes out at once: through quiet hours and past a throttle window. That is a node turning
     * CRITICAL, above all the escalation of a WARNING into CRITICAL.
     */
    public boolean critical() {
        return kind == NoticeKind.DRIFT_DETECTED && state == DriftState.CRITICAL;
    }

    /** A WARNING node that turned CRITICAL. */
    public boolean escalation() {
        return critical() && previousState == DriftState.WARNING;
    }
}
