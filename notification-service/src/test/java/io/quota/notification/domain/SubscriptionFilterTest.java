package io.quota.notification.domain;

import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;
import io.quota.contracts.events.Figures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubscriptionFilterTest {
    static final List<String> EAST_N = List.of("EAST-N", "EAST", "CN");

    static Notice drift(NoticeKind kind, DriftState state, DriftState previous, Metric metric) {
        return new Notice(kind, UUID.randomUUID(), Instant.now(), NodeKey.parse("FY27~territory=EAST-N~2027-03-01..2027-03-31"),
                1, metric, "CNY", state, previous, new Figures(BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN, LocalDate.parse("2027-03-10")), null);
    }

    static Notice milestone() {
        return new Notice(NoticeKind.MILESTONE, UUID.randomUUID(), Instant.now(),
                NodeKey.parse("FY27~territory=EAST-N~2027-03-01..2027-03-31"), 1, Metric.REVENUE, "CNY", null, null,
                new Figures(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE,
                        BigDecimal.TEN, LocalDate.parse("2027-03-10")), 100);
    }

    @Test
    void theDefaultHearsEveryDriftButNoMilestones() {
        SubscriptionFilter f = SubscriptionFilter.EVERYTHING;
        assertTrue(f.accepts(drift(NoticeKind.DRIFT_DETECTED, DriftState.WARNING, DriftState.ON_TRACK, Metric.REVENUE), EAST_N));
        assertTrue(f.accepts(drift(NoticeKind.DRIFT_DETECTED, DriftState.AHEAD, DriftState.ON_TRACK, Metric.ORDERS), EAST_N));
        assertTrue(f.accepts(drift(NoticeKind.DRIFT_RESOLVED, DriftState.ON_TRACK, null, Metric.REVENUE), List.of()));
        assertFalse(f.accepts(milestone(), EAST_N));
    }

    @Test
    void severityAheadAndResolutionsFollowWhatTheDriftWouldHaveBeen() {
        SubscriptionFilter criticalOnly = new SubscriptionFilter(null, null, null, MinimumSeverity.CRITICAL, false, true);
        assertFalse(criticalOnly.accepts(drift(NoticeKind.DRIFT_DETECTED, DriftState.WARNING, DriftState.ON_TRACK, Metric.REVENUE), EAST_N));
        assertTrue(criticalOnly.accepts(drift(NoticeKind.DRIFT_DETECTED, DriftState.CRITICAL, DriftState.WARNING, Metric.REVENUE), EAST_N));
        assertFalse(criticalOnly.accepts(drift(NoticeKind.DRIFT_DETECTED, DriftState.AHEAD, DriftState.ON_TRACK, Metric.REVENUE), EAST_N));
        assertTrue(criticalOnly.accepts(drift(NoticeKind.DRIFT_RESOLVED, DriftState.ON_TRACK, DriftState.CRITICAL, Metric.REVENUE), EAST_N));
        assertFalse(criticalOnly.accepts(drift(NoticeKind.DRIFT_RESOLVED, DriftState.ON_TRACK, DriftState.WARNING, Metric.REVENUE), EAST_N));
        assertFalse(criticalOnly.accepts(drift(NoticeKind.DRIFT_RESOLVED, DriftState.ON_TRACK, null, Metric.REVENUE), EAST_N));
        assertTrue(criticalOnly.accepts(milestone(), EAST_N));
    }

    @Test
    void plansMetricsAndTheTerritorySubtreeNarrow() {
        SubscriptionFilter f = new SubscriptionFilter(List.of("FY27"), "EAST", Set.of(Metric.REVENUE), null, true, false);
        Notice revenue = drift(NoticeKind.DRIFT_DETECTED, DriftState.WARNING, DriftState.ON_TRACK, Metric.REVENUE);
        assertTrue(f.accepts(revenue, EAST_N));
        assertFalse(f.accepts(revenue, List.of("WEST", "CN")));
        assertFalse(f.accepts(revenue, List.of()), "a roll-up naming no territory lies outside every subtree");
        assertFalse(f.accepts(drift(NoticeKind.DRIFT_DETECTED, DriftState.WARNING, DriftState.ON_TRACK, Metric.ORDERS), EAST_N));
        assertFalse(new SubscriptionFilter(List.of("FY28"), null, null, null, true, false).accepts(revenue, EAST_N));
    }
}
