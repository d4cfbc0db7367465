package io.quota.kpi.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Ranking for leaderboards: by attainment (actual / target, a ratio of sums), highest first; members without a
 * target (credited but holding no target) after all others, by actual; ties by actual, then by id, so the order
 * is total and stable.
 */
public final class Standings {
    public record Standing(String id, BigDecimal target, BigDecimal actual) {
        public BigDecimal attainment() {
            return target == null || target.signum() == 0 ? null : actual.divide(target, Pace.EXACT);
        }
    }

    public record Ranked(int rank, Standing standing) {
    }

    private static final Comparator<Standing> ORDER = Comparator
            .comparing(Standing::attainment, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
            .thenComparing(Standing::actual, Comparator.reverseOrder())
            .thenComparing(Standing::id);

    public static List<Ranked> rank(List<Standing> standings) {
        List<Standing> sorted = new ArrayList<>(standings);
        sorted.sort(ORDER);
        List<Ranked> ranked = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            ranked.add(new Ranked(i + 1, sorted.get(i)));
        }
        return ranked;
    }

    private Standings() {
    }
}
