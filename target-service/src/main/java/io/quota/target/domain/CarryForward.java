package io.quota.target.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carry-forward (结转): what a node missed in a past period (target - actual, when positive) is added to its
 * remaining periods, in proportion to their amounts (equally when they are all zero), largest remainder with ties
 * to the earlier period. A node is a combination of members (every dimension but time); past cells keep their
 * amount, so the miss stays visible, and the version's total grows by what is carried.
 */
public final class CarryForward {

    /** A remaining cell of a node: its key, period start (the tie-break) and amount. */
    public record Remaining(String cellKey, String periodStart, BigDecimal amount) {
    }

    /**
     * The additions per remaining cell. {@code target} and {@code actual} are per node key over the past period;
     * {@code remaining} per node key. A node with no remaining cell cannot carry anything (it is reported by
     * {@link #stranded}).
     */
    public static Map<String, BigDecimal> additions(Map<String, BigDecimal> target, Map<String, BigDecimal> actual,
                                                    Map<String, List<Remaining>> remaining, Unit unit) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> t : target.entrySet()) {
            BigDecimal unmet = unmet(t.getValue(), actual.get(t.getKey()), unit);
            List<Remaining> cells = remaining.get(t.getKey());
            if (unmet.signum() == 0 || cells == null || cells.isEmpty()) {
                continue;
            }
            BigInteger[] weights = new BigInteger[cells.size()];
            String[] keys = new String[cells.size()];
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < cells.size(); i++) {
                weights[i] = cells.get(i).amount().setScale(unit.minorUnit()).unscaledValue();
                keys[i] = cells.get(i).periodStart() + cells.get(i).cellKey();
                sum = sum.add(weights[i]);
            }
            if (sum.signum() == 0) {
                java.util.Arrays.fill(weights, BigInteger.ONE);
                sum = BigInteger.valueOf(cells.size());
            }
            BigInteger[] parts = LargestRemainder.splitUnits(unmet.unscaledValue(), weights, sum, keys);
            for (int i = 0; i < cells.size(); i++) {
                if (parts[i].signum() > 0) {
                    out.put(cells.get(i).cellKey(), new BigDecimal(parts[i], unit.minorUnit()));
                }
            }
        }
        return out;
    }

    /** What a node missed: target - actual when positive, at the minor unit (rounded down: never carry more). */
    public static BigDecimal unmet(BigDecimal target, BigDecimal actual, Unit unit) {
        BigDecimal missed = target.subtract(actual == null ? BigDecimal.ZERO : actual);
        return missed.signum() <= 0 ? BigDecimal.ZERO.setScale(unit.minorUnit())
                : missed.setScale(unit.minorUnit(), java.math.RoundingMode.DOWN);
    }

    private CarryForward() {
    }
}
