package io.quota.target.domain;

import io.quota.contracts.Dimension;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a plan's cells can be rolled up by: the members of its dimensions (region: a territory's parent), and a
 * time grain no finer than its finest TIME level (week needs days). Derived KPIs are never summed.
 */
public final class RollupGroups {
    public static final Map<String, Dimension> MEMBER_GROUPS = Map.of("territory", Dimension.TERRITORY,
            "region", Dimension.TERRITORY, "industry", Dimension.INDUSTRY, "customerType", Dimension.CUSTOMER_TYPE,
            "productLine", Dimension.PRODUCT_LINE, "channel", Dimension.CHANNEL);
    /** Time grains, coarse to fine, with the finest granularity each needs. */
    public static final Map<String, Granularity> TIME_GROUPS = Map.of("year", Granularity.YEAR,
            "quarter", Granularity.QUARTER, "month", Granularity.MONTH, "week", Granularity.DAY, "day", Granularity.DAY);

    public static void check(Plan plan, List<String> by) {
        if (plan.metric().derived()) {
            throw new PlanRuleViolation("by", plan.metric() + " is a derived KPI (a ratio): it is never summed, so it has"
                    + " no roll-ups; read its cells");
        }
        if (by.isEmpty() || by.size() > 4) {
            throw new PlanRuleViolation("by", "one to four groups, e.g. territory,quarter");
        }
        Set<Dimension> dims = new HashSet<>();
        Granularity finest = null;
        for (Level l : plan.levels()) {
            dims.add(l.dimension());
            if (l.dimension() == Dimension.TIME && (finest == null || l.granularity().ordinal() > finest.ordinal())) {
                finest = l.granularity();
            }
        }
        Set<String> seen = new HashSet<>();
        int times = 0;
        for (String g : by) {
            if (!seen.add(g)) {
                throw new PlanRuleViolation("by", g + " appears twice");
            }
            if (MEMBER_GROUPS.containsKey(g)) {
                if (!dims.contains(MEMBER_GROUPS.get(g))) {
                    throw new PlanRuleViolation("by", "plan " + plan.id() + " has no " + MEMBER_GROUPS.get(g) + " level");
                }
            } else if (TIME_GROUPS.containsKey(g)) {
                if (++times > 1) {
                    throw new PlanRuleViolation("by", "one time grain per roll-up");
                }
                if (finest != null && TIME_GROUPS.get(g).ordinal() > finest.ordinal()) {
                    throw new PlanRuleViolation("by", "the plan's cells are " + finest + "s: they cannot be rolled up by " + g);
                }
            } else {
                throw new PlanRuleViolation("by", "unknown group " + g + "; use " + MEMBER_GROUPS.keySet() + " or "
                        + TIME_GROUPS.keySet());
            }
        }
    }

    private RollupGroups() {
    }
}
