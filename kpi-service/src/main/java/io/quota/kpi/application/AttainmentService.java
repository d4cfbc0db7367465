package io.quota.kpi.application;

import io.quota.contracts.Dimension;
import io.quota.contracts.DriftState;
import io.quota.contracts.NodeKey;
import io.quota.kpi.domain.CalendarPeriod;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.NodeLevel;
import io.quota.kpi.domain.DriftStateMachine;
import io.quota.kpi.domain.Pace;
import io.quota.kpi.persistence.DriftRow;
import io.quota.kpi.persistence.DriftStateRepository;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.kpi.persistence.TargetCellRepository;
import io.quota.kpi.persistence.TerritoryRepository;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads: attainment of any node of the active plan version, and the stored drift states. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AttainmentService {
    @Inject
    PlanVersionRepository plans;
    @Inject
    TargetCellRepository cells;
    @Inject
    DriftStateRepository drifts;
    @Inject
    TerritoryRepository territories;
    @Inject
    BusinessClock clock;
    @Inject
    io.quota.kpi.persistence.UnplannedRepository unplanned;
    @Inject
    NodeFigures nodeFigures;
    @Inject
    NodeLevels levels;

    /** A period as asked: calendar dates already resolved, or a fiscal form resolved with the plan's fiscal start. */
    public record PeriodQuery(DateRange range, String fiscal) {
        public static final PeriodQuery PLAN = new PeriodQuery(null, null);

        /** Fiscal forms count from the plan's fiscal year start (PlanPublished's; else the month its period starts). */
        DateRange resolve(PlanVersionRow plan) {
            if (fiscal != null) {
                return CalendarPeriod.parse(fiscal, plan.fiscalPeriodsStartMonth());
            }
            return range == null ? plan.period() : range;
        }
    }

    /**
     * A node's figures (see {@link NodeFigures}): members name its territory (whose subtree rolls up; none: the
     * whole plan) and members of the other dimensions. Without asOf the figures are live (expected as of yesterday,
     * actuals up to today); with asOf they are those at the end of that business day.
     * <p>
     * Scope (DESIGN.md section 6): a territory outside the caller's scope is answered exactly like an unknown one
     * (404); the whole plan, for a caller restricted to some subtrees, sums only its cells inside them (and their
     * actuals), and is answered like an unknown plan when none is.
     */
    public Attainment attainment(String planId, Map<Dimension, String> members, PeriodQuery period, LocalDate asOf,
                                 CallerScope caller) {
        Node node = node(planId, members, period, caller);
        return figures(node, members, node.range(), asOf);
    }

    /** One page of a node's groups (groupBy): each group a node of its own, in member and period order. */
    public Page<Attainment> grouped(String planId, Map<Dimension, String> members, PeriodQuery period, NodeLevel level,
                                    LocalDate asOf, int page, int size, CallerScope caller) {
        Node node = node(planId, members, period, caller);
        List<NodeLevels.Group> groups = levels.groups(node.plan(), level, members, node.range(), node.scope());
        List<Attainment> items = groups.stream().skip((long) page * size).limit(size)
                .map(g -> figures(node, g.members(), g.range(), asOf)).toList();
        return new Page<>(items, page, size, groups.size());
    }

    /** A node's daily series: each day of its period (up to today, live) as of the end of that day. */
    public History history(String nodeKey, LocalDate from, LocalDate to, int page, int size, CallerScope caller) {
        NodeKey key;
        try {
            key = NodeKey.parse(nodeKey);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("key", "not a node key: " + e.getMessage());
        }
        Node node = node(key.planId(), key.members(), new PeriodQuery(new DateRange(key.from(), key.to()), null), caller);
        LocalDate today = clock.today(node.plan().zone());
        LocalDate first = from == null || from.isBefore(key.from()) ? key.from() : from;
        LocalDate last = to == null || to.isAfter(key.to()) ? key.to() : to;
        if (today.isBefore(last)) {
            last = today; // the days still to come have no figures yet
        }
        DateRange days = last.isBefore(first) ? null : new DateRange(first, last);
        if (days == null) {
            return new History(node.plan().planId(), node.plan().version(), nodeKey, List.of(), page, size, 0);
        }
        List<TargetCellRepository.PeriodTotal> parts = cells.periodTotalsInside(node.plan().planId(),
                node.plan().version(), key.members(), node.range(), node.scope());
        long total = days.to().toEpochDay() - days.from().toEpochDay() + 1;
        List<HistoryPoint> points = new ArrayList<>();
        for (long i = (long) page * size; i < Math.min(total, (long) (page + 1) * size); i++) {
            LocalDate day = days.from().plusDays(i);
            Pace pace = nodeFigures.of(node.plan(), key.members(), node.range(), day, day, node.scope(), parts).pace();
            points.add(new HistoryPoint(day, pace.display(node.plan().unit())));
        }
        return new History(node.plan().planId(), node.plan().version(), nodeKey, points, page, size, total);
    }

    /** A node's figures at the end of one day. */
    public record HistoryPoint(LocalDate date, io.quota.contracts.events.Figures figures) {
    }

    /** A page of a node's daily series. */
    public record History(String planId, int version, String nodeKey, List<HistoryPoint> items, int page, int size,
                          long total) {
    }

    /** The active version, the node's range and the scope its figures are limited to (null: none). */
    private record Node(PlanVersionRow plan, DateRange range, Collection<String> scope) {
    }

    private Node node(String planId, Map<Dimension, String> members, PeriodQuery period, CallerScope caller) {
        PlanVersionRow plan = plans.active(planId).orElseThrow(() -> noActiveVersion(planId));
        // the roots of the subtrees the figures are limited to; null: no limit
        Collection<String> scope = caller.unrestricted() ? null : Set.copyOf(caller.roots());
        String territoryId = members.get(Dimension.TERRITORY);
        if (territoryId != null) {
            if (!caller.allows(territoryId, territories::ancestorsAndSelf) || !known(plan, territoryId)) {
                throw ProblemException.notFound("territory", territoryId);
            }
            scope = null; // a territory in scope has its whole subtree in scope
        } else if (scope != null && (scope.isEmpty() || !cells.anyInScope(planId, plan.version(), scope))) {
            throw noActiveVersion(planId);
        }
        DateRange range;
        try {
            range = period.resolve(plan);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("period", e.getMessage());
        }
        return new Node(plan, range, scope);
    }

    private Attainment figures(Node node, Map<Dimension, String> members, DateRange range, LocalDate asOf) {
        PlanVersionRow plan = node.plan();
        LocalDate today = clock.today(plan.zone());
        LocalDate expectedAsOf = asOf == null ? Pace.liveAsOf(today) : asOf;
        NodeFigures.Figures f = nodeFigures.of(plan, members, range, expectedAsOf, asOf == null ? today : asOf,
                node.scope(), null);
        String nodeKey = NodeKey.of(plan.planId(), members, range.from(), range.to()).encode();
        // a part of a node shown to a restricted caller never shows the whole node's stored state
        return new Attainment(plan.planId(), plan.version(), nodeKey, plan.metric(), plan.unit(),
                f.pace().display(plan.unit()), state(plan, nodeKey, f.pace(), asOf == null && node.scope() == null),
                Math.toIntExact(f.cells()), cells.cellsPartlyInside(plan.planId(), plan.version(), members, range,
                node.scope()));
    }

    /** A plan's unplanned bucket: its actuals no cell of the active version takes, per credited territory. */
    public Unplanned unplanned(String planId, CallerScope caller) {
        PlanVersionRow plan = plans.active(planId).orElseThrow(() -> noActiveVersion(planId));
        Collection<String> scope = caller.unrestricted() ? null : Set.copyOf(caller.roots());
        if (scope != null && scope.isEmpty()) {
            throw noActiveVersion(planId);
        }
        List<Bucket> buckets = unplanned.buckets(planId, plan.version(), plan.metric().name(), plan.unit(),
                plan.period().from(), plan.period().to(), scope).stream()
                .map(b -> new Bucket(b.territoryId().isEmpty() ? null : b.territoryId(), b.value())).toList();
        return new Unplanned(plan.planId(), plan.version(), plan.metric(), plan.unit(), buckets);
    }

    /** Actuals no cell takes, credited to one territory (null: to none). */
    public record Bucket(String territoryId, BigDecimal value) {
    }

    /** The unplanned bucket of a plan's active version. */
    public record Unplanned(String planId, int version, io.quota.contracts.Metric metric, String unit,
                            List<Bucket> buckets) {
    }

    /** Stored drift states, by node key; a restricted caller sees only the nodes whose territory is in its scope. */
    public Page<DriftView> drifts(String planId, DriftState state, int page, int size, CallerScope caller) {
        Collection<String> scope = caller.unrestricted() ? null : Set.copyOf(caller.roots());
        if (scope != null && scope.isEmpty()) {
            return new Page<>(List.of(), page, size, 0); // a rep without a territories claim sees no node
        }
        List<DriftView> items = drifts.page(planId, state, scope, page, size).stream().map(AttainmentService::view)
                .toList();
        return new Page<>(items, page, size, drifts.count(planId, state, scope));
    }

    /** A territory the replica holds, or one a cell of the version names (its TerritoryChanged may not be here yet). */
    private boolean known(PlanVersionRow plan, String territoryId) {
        return territories.exists(territoryId) || cells.namesTerritory(plan.planId(), plan.version(), territoryId);
    }

    /** The same answer for a plan that has no active version and for one with nothing in the caller's scope. */
    private static ProblemException noActiveVersion(String planId) {
        return new ProblemException(404, "Not found", "plan " + planId + " has no active version", null);
    }

    /**
     * Live figures of a stored node show its stored state (with its hysteresis history); any other node, and any
     * node read as of a past date, shows the state its figures alone give.
     */
    private DriftState state(PlanVersionRow plan, String nodeKey, Pace pace, boolean live) {
        if (live) {
            var stored = drifts.find(nodeKey);
            if (stored.isPresent()) {
                return stored.get().state();
            }
        }
        return new DriftStateMachine(plan.driftPolicy()).next(DriftState.ON_TRACK, pace);
    }

    private static DriftView view(DriftRow row) {
        return new DriftView(row.nodeKey(), row.planId(), row.version(), row.state(), Pace.round(row.pace(), 4),
                row.since(), row.asOf());
    }
}
