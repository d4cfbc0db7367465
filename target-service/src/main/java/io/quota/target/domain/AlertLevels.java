package io.quota.target.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The nodes kpi-service alerts on for a plan: "cell", or a group-by such as "territory,month" or "region,quarter".
 * Null means the DESIGN default.
 */
public final class AlertLevels {
    static final Set<String> MEMBERS = Set.of("territory", "region", "industry", "customerType", "productLine", "channel");
    static final Set<String> TIMES = Set.of("year", "quarter", "month", "week", "day");
    static final int MAX = 10;

    public static List<String> checked(List<String> levels) {
        if (levels == null) {
            return null;
        }
        if (levels.size() > MAX) {
            throw new PlanRuleViolation("alertLevels", "at most " + MAX + " alert levels");
        }
        List<String> out = new ArrayList<>();
        for (String level : levels) {
            if (level == null || level.isBlank()) {
                throw new PlanRuleViolation("alertLevels", "an alert level is empty");
            }
            String l = level.replace(" ", "");
            if (!l.equals("cell")) {
                Set<String> seen = new HashSet<>();
                int times = 0;
                for (String token : l.split(",", -1)) {
                    if (!MEMBERS.contains(token) && !TIMES.contains(token)) {
                        throw new PlanRuleViolation("alertLevels", "unknown group " + token + " in '" + level
                                + "'; use cell or a comma-separated group-by of " + MEMBERS + " and one of " + TIMES);
                    }
                    if (!seen.add(token)) {
                        throw new PlanRuleViolation("alertLevels", token + " appears twice in '" + level + "'");
                    }
                    if (TIMES.contains(token) && ++times > 1) {
                        throw new PlanRuleViolation("alertLevels", "one time grain per alert level: '" + level + "'");
                    }
                }
            }
            if (out.contains(l)) {
                throw new PlanRuleViolation("alertLevels", l + " appears twice");
            }
            out.add(l);
        }
        return List.copyOf(out);
    }

    private AlertLevels() {
    }
}
