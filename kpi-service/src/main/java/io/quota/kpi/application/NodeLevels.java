package io.quota.kpi.application;

import io.quota.contracts.Dimension;
import io.quota.contracts.NodeKey;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.NodeLevel;
import io.quota.kpi.persistence.AlertNodeRepository;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.kpi.persistence.TargetCellRepository;
import io.quota.kpi.persistence.TargetCellRepository.CellGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups a node's cells into the nodes of a level (groupBy and the plan's alert levels): one node per distinct
 * territory (or region) and members of the level's dimensions, and per period of its grain (a cell that does not
 * fit wholly inside one period of the grain belongs to no node of it). Node periods are clipped to the range.
 */
@ApplicationScoped
public class NodeLevels {
    @Inject
    TargetCellRepository cells;
    @Inject
    AlertNodeRepository alertNodes;
    @Inject
    PlanVersionRepository plans;

    /**
     * Groups an active version's cells into its alert nodes (each level of the plan), once: a node two levels
     * share (a territory x month node that is also a cell) is kept once.
     */
    public void materializeIfMissing(PlanVersionRow plan) {
        if (!alertNodes.exists(plan.planId(), plan.version())) {
            materialize(plan, true);
        }
    }

    /**
     * Groups the roll-up levels again (nodes already there stay): a territory whose TerritoryChanged arrived after
     * the version became active (its region unknown then) gets its roll-up nodes at the next sweep.
     */
    public void regroupRollups(PlanVersionRow plan) {
        materialize(plan, false);
    }

    private void materialize(PlanVersionRow plan, boolean withCells) {
        for (String text : plans.alertLevels(plan.planId(), plan.version())) {
            NodeLevel level = NodeLevel.parse(text);
            if (level.cell()) {
                if (withCells) {
                    alertNodes.insertCells(plan.planId(), plan.version());
                }
                continue;
            }
            List<Group> nodes = groups(plan, level, Map.of(), plan.period(), null);
            alertNodes.insertRollups(plan.planId(), plan.version(), text, nodes.stream().map(Group::nodeKey).toList(),
                    nodes.stream().map(Group::members).toList(), nodes.stream().map(Group::range).toList());
        }
    }

    /** A node of a level: its members, its period and its key. */
    public record Group(String nodeKey, Map<Dimension, String> members, DateRange range) {
    }

    /** The nodes of the level under a node (members, range, scope), in node key order. */
    public List<Group> groups(PlanVersionRow plan, NodeLevel level, Map<Dimension, String> members, DateRange range,
                              Collection<String> scopeRoots) {
        String territoryWord = level.territory() == null ? null
                : level.territory() == NodeLevel.TerritoryWord.REGION ? "region" : "territory";
        Map<String, Group> nodes = new TreeMap<>();
        for (CellGroup row : cells.groups(plan.planId(), plan.version(), members, range, scopeRoots, territoryWord,
                level.dimensions())) {
            Map<Dimension, String> node = new EnumMap<>(Dimension.class);
            node.putAll(members);
            if (territoryWord != null) {
                String territory = row.members().get(Dimension.TERRITORY);
                if (territory == null) {
                    continue; // no territory (or no region above it): no node of this level
                }
                node.put(Dimension.TERRITORY, territory);
            }
            boolean complete = true;
            for (Dimension d : level.dimensions()) {
                String member = row.members().get(d);
                complete &= member != null;
                node.put(d, member);
            }
            DateRange period = level.grain() == null ? range : level.grain().periodOf(row.period().from(),
                    plan.grainsStartMonth());
            if (!complete || !period.contains(row.period())) {
                continue;
            }
            DateRange clipped = new DateRange(period.from().isBefore(range.from()) ? range.from() : period.from(),
                    period.to().isAfter(range.to()) ? range.to() : period.to());
            String key = NodeKey.of(plan.planId(), node, clipped.from(), clipped.to()).encode();
            nodes.putIfAbsent(key, new Group(key, node, clipped));
        }
        return new ArrayList<>(nodes.values());
    }
}
