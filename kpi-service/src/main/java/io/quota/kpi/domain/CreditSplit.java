package io.quota.kpi.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An actual shared by several reps (credit split): each rep's share is value x percent / 100, rounded to the
 * stored scale by the largest remainder method (DESIGN.md section 4), so the shares always sum to the value
 * exactly. A reversal (negative value) splits its magnitude, so its shares exactly undo the original's.
 */
public final class CreditSplit {
    /** Decimals of stored amounts. */
    public static final int SCALE = 6;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One rep's percent of an actual. */
    public record Share(String repId, BigDecimal percent) {
    }

    /** Why a split cannot be applied, or empty: percents positive, reps distinct, percents sum to exactly 100. */
    public static Optional<String> problem(List<Share> shares) {
        if (shares == null || shares.isEmpty()) {
            return Optional.empty();
        }
        Set<String> reps = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Share s : shares) {
            if (s.repId() == null || s.percent() == null) {
                return Optional.of("every credit needs a repId and a percent");
            }
            if (s.percent().signum() <= 0 || s.percent().compareTo(HUNDRED) > 0) {
                return Optional.of("credit percent of " + s.repId() + " must lie in (0, 100]");
            }
            if (!reps.add(s.repId())) {
                return Optional.of("rep " + s.repId() + " is credited twice");
            }
            sum = sum.add(s.percent());
        }
        return sum.compareTo(HUNDRED) == 0 ? Optional.empty()
                : Optional.of("credit percents sum to " + sum.stripTrailingZeros().toPlainString() + ", not 100");
    }

    /** Each rep's share, in the order given; the shares sum to {@code value} exactly. */
    public static Map<String, BigDecimal> split(BigDecimal value, List<Share> shares) {
        BigDecimal magnitude = value.abs().setScale(SCALE, RoundingMode.UNNECESSARY);
        BigDecimal units = magnitude.movePointRight(SCALE);
        List<BigDecimal> floors = new ArrayList<>(shares.size());
        List<BigDecimal> remainders = new ArrayList<>(shares.size());
        BigDecimal given = BigDecimal.ZERO;
        for (Share s : shares) {
            BigDecimal exact = units.multiply(s.percent()).divide(HUNDRED);
            BigDecimal floor = exact.setScale(0, RoundingMode.FLOOR);
            floors.add(floor);
            remainders.add(exact.subtract(floor));
            given = given.add(floor);
        }
        int left = units.subtract(given).intValueExact();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            order.add(i);
        }
        // largest remainder first; equal remainders in ascending rep id order
        order.sort(Comparator.<Integer, BigDecimal>comparing(remainders::get).reversed()
                .thenComparing(i -> shares.get(i).repId()));
        for (int k = 0; k < left; k++) {
            int i = order.get(k % order.size());
            floors.set(i, floors.get(i).add(BigDecimal.ONE));
        }
        Map<String, BigDecimal> result = new LinkedHashMap<>();
        for (int i = 0; i < shares.size(); i++) {
            BigDecimal share = floors.get(i).movePointLeft(SCALE).setScale(SCALE, RoundingMode.UNNECESSARY);
            result.put(shares.get(i).repId(), value.signum() < 0 ? share.negate() : share);
        }
        return result;
    }

    private CreditSplit() {
    }
}
