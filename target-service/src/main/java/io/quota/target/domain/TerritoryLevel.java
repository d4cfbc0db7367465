package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.NodeKey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A TERRITORY level: EQUAL over a list of territories, or WEIGHTS per territory (the members are then the
 * weights' keys). Members are ACTIVE leaf territories of the replica at the time the plan is drafted.
 */
public record TerritoryLevel(AllocationMethod method, List<String> members, SortedMap<String, BigDecimal> weights)
        implements Level {

    public TerritoryLevel {
        if (method == AllocationMethod.EQUAL) {
            if (weights != null && !weights.isEmpty()) {
                throw new PlanRuleViolation("weights", "EQUAL takes no weights; use method WEIGHTS");
            }
            weights = null;
            members = List.copyOf(checkedMembers(members, "members"));
        } else if (method == AllocationMethod.WEIGHTS) {
            weights = java.util.Collections.unmodifiableSortedMap(Level.checkedWeights(weights));
            members = List.copyOf(checkedMembers(new ArrayList<>(weights.keySet()), "weights"));
        } else {
            throw new PlanRuleViolation("method", method + " is not supported yet; use EQUAL or WEIGHTS");
        }
    }

    /** Applies the rules to a drafted level: members must be ACTIVE leaf territories of the replica. */
    public static TerritoryLevel resolve(LevelDraft draft, TerritoryDirectory territories) {
        if (draft.granularity() != null) {
            throw new PlanRuleViolation("granularity", "only a TIME level has a granularity");
        }
        if (draft.method() == AllocationMethod.WEIGHTS) {
            if (draft.members() != null && !draft.members().isEmpty()) {
                throw new PlanRuleViolation("members", "WEIGHTS takes its members from the keys of weights; leave members out");
            }
            TerritoryLevel level = new TerritoryLevel(draft.method(), null, new java.util.TreeMap<>(
                    draft.weights() == null ? Map.of() : draft.weights()));
            requireCarryTargets(level.members(), territories, "weights");
            return level;
        }
        List<String> members = draft.members();
        if (draft.method() == AllocationMethod.EQUAL && (members == null || members.isEmpty())) {
            // no members named: every ACTIVE leaf territory the replica knows
            members = territories.targetCarrying();
            if (members.isEmpty()) {
                throw new PlanRuleViolation("members",
                        "no members given and no ACTIVE leaf territory is known yet (replica of quota.territories.v1)");
            }
        }
        TerritoryLevel level = new TerritoryLevel(draft.method(), members, draft.weights() == null ? null
                : new java.util.TreeMap<>(draft.weights()));
        requireCarryTargets(level.members(), territories, "members");
        return level;
    }

    @Override
    public Dimension dimension() {
        return Dimension.TERRITORY;
    }

    @Override
    public List<Branch> branches(Node parent) {
        List<Branch> branches = new ArrayList<>(members.size());
        for (String member : members) {
            BigDecimal weight = method == AllocationMethod.EQUAL ? BigDecimal.ONE : weights.get(member);
            branches.add(new Branch(new Share(member, weight), parent.with(Dimension.TERRITORY, member)));
        }
        return branches;
    }

    @Override
    public LevelDraft toDraft() {
        return method == AllocationMethod.EQUAL ? new LevelDraft(Dimension.TERRITORY, method, null, members, null)
                : new LevelDraft(Dimension.TERRITORY, method, null, null, weights);
    }

    @Override
    public int fanOut(Period planPeriod) {
        return members.size();
    }

    private static List<String> checkedMembers(List<String> members, String field) {
        if (members == null || members.isEmpty()) {
            throw new PlanRuleViolation(field, "a TERRITORY level needs at least one member");
        }
        Set<String> seen = new HashSet<>();
        for (String m : members) {
            if (m == null || !NodeKey.ID.matcher(m).matches()) {
                throw new PlanRuleViolation(field, "territory id must match " + NodeKey.ID.pattern() + ": " + m);
            }
            if (!seen.add(m)) {
                throw new PlanRuleViolation(field, m + " appears twice");
            }
        }
        return members;
    }

    private static void requireCarryTargets(List<String> members, TerritoryDirectory territories, String field) {
        Map<String, Territory> known = territories.find(members);
        Set<String> unknown = new TreeSet<>();
        Set<String> inactive = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        for (String m : members) {
            Territory t = known.get(m);
            if (t == null) {
                unknown.add(m);
            } else if (!Territory.ACTIVE.equals(t.status())) {
                inactive.add(m);
            } else if (Territory.REGION.equals(t.type())) {
                regions.add(m);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("unknown territories " + unknown);
        }
        if (!inactive.isEmpty()) {
            problems.add("not ACTIVE " + inactive);
        }
        if (!regions.isEmpty()) {
            problems.add("REGIONs (a region's target is the sum of its leaves) " + regions);
        }
        if (!problems.isEmpty()) {
            throw new PlanRuleViolation(field, "members must be ACTIVE leaf territories: " + String.join("; ", problems));
        }
    }
}
