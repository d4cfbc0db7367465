package io.quota.target.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The largest remainder method (DESIGN.md section 4): each member gets the floor of its exact share at the
 * unit's minor unit; the minor units left over go one each to the largest fractional remainders, equal
 * remainders served in ascending member-key order. The parts always add up to the parent exactly.
 * <p>
 * Everything is integer arithmetic on minor units, so the result does not depend on rounding modes.
 */
public final class LargestRemainder {

    /**
     * Splits {@code amount} (>= 0, representable at {@code scale}) among {@code shares} (distinct keys,
     * weights >= 0 with a positive sum).
     *
     * @return each member's part at {@code scale}, in the order of {@code shares}
     */
    public static Map<String, BigDecimal> split(BigDecimal amount, List<Share> shares, int scale) {
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException("amount must be >= 0: " + amount);
        }
        if (scale < 0) {
            throw new IllegalArgumentException("scale must be >= 0: " + scale);
        }
        if (shares == null || shares.isEmpty()) {
            throw new IllegalArgumentException("nothing to split among");
        }
        BigInteger units;
        try {
            units = amount.setScale(scale).unscaledValue();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(amount + " has more decimals than the minor unit allows (" + scale + ")");
        }

        // weights as integers over a common denominator 10^weightScale: exact shares are units * w / sum(w)
        int weightScale = 0;
        Set<String> keys = new HashSet<>();
        for (Share s : shares) {
            if (!keys.add(s.key())) {
                throw new IllegalArgumentException("member appears twice: " + s.key());
            }
            weightScale = Math.max(weightScale, s.weight().stripTrailingZeros().scale());
        }
        List<BigInteger> weights = new ArrayList<>(shares.size());
        BigInteger weightSum = BigInteger.ZERO;
        for (Share s : shares) {
            BigInteger w = s.weight().movePointRight(weightScale).toBigIntegerExact();
            weights.add(w);
            weightSum = weightSum.add(w);
        }
        if (weightSum.signum() == 0) {
            throw new IllegalArgumentException("weights add up to zero");
        }

        String[] keyArray = shares.stream().map(Share::key).toArray(String[]::new);
        BigInteger[] floors = splitUnits(units, weights.toArray(BigInteger[]::new), weightSum, keyArray);

        Map<String, BigDecimal> parts = new LinkedHashMap<>();
        for (int i = 0; i < shares.size(); i++) {
            parts.put(keyArray[i], new BigDecimal(floors[i], scale));
        }
        return Collections.unmodifiableMap(parts);
    }

    /**
     * The core on minor units: splits {@code units} (>= 0) by integer {@code weights} (>= 0, summing to
     * {@code weightSum} > 0); ties of remainders go to the smaller {@code keys}. The parts add up to {@code units}.
     */
    public static BigInteger[] splitUnits(BigInteger units, BigInteger[] weights, BigInteger weightSum, String[] keys) {
        int n = weights.length;
        BigInteger[] floors = new BigInteger[n];
        BigInteger[] remainders = new BigInteger[n];
        BigInteger leftover = units;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = units.multiply(weights[i]).divideAndRemainder(weightSum);
            floors[i] = qr[0];
            remainders[i] = qr[1]; // the fractional remainder, in units of 1/weightSum
            leftover = leftover.subtract(qr[0]);
        }
        int left = leftover.intValueExact();
        if (left == 0) {
            return floors;
        }
        // leftover < number of members with a non-zero remainder, so each gets at most one unit
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
                .thenComparing(i -> keys[i]));
        for (int k = 0; k < left; k++) {
            floors[order[k]] = floors[order[k]].add(BigInteger.ONE);
        }
        return floors;
    }

    private LargestRemainder() {
    }
}
