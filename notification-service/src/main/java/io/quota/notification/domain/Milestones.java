package io.quota.notification.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Attainment milestones (目标达成): a node reaching 50 %, 80 % and 100 % of its target. Each is told once per node and
 * plan version: the highest reached so far is remembered, and only a higher one is news. A jump past several (40 %
 * to 85 %) tells the highest one only.
 */
public final class Milestones {
    /** In percent, ascending. */
    public static final List<Integer> LEVELS = List.of(50, 80, 100);

    /** The highest milestone an attainment (a ratio: 0.8 is 80 %) has reached, if any. */
    public static Optional<Integer> highestReached(BigDecimal attainment) {
        if (attainment == null) {
            return Optional.empty();
        }
        BigDecimal percent = attainment.movePointRight(2);
        Integer reached = null;
        for (int level : LEVELS) {
            if (percent.compareTo(BigDecimal.valueOf(level)) >= 0) {
                reached = level;
            }
        }
        return Optional.ofNullable(reached);
    }

    /**
     * The milestone to tell now: the highest reached, when it is above the highest already told ({@code told}, null
     * when none was).
     */
    public static Optional<Integer> crossed(Integer told, BigDecimal attainment) {
        return highestReached(attainment).filter(reached -> told == null || reached > told);
    }

    private Milestones() {
    }
}
