package io.quota.target.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The largest remainder method's guarantees, over random amounts, weights, member counts and scales 0..4. */
class LargestRemainderPropertiesTest {

    record Case(BigDecimal amount, List<Share> shares, int scale) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> scales = Arbitraries.integers().between(0, 4);
        Arbitrary<Long> minorUnits = Arbitraries.longs().between(0, 99_999_999_999_999L).withDistribution(
                net.jqwik.api.RandomDistribution.biased());
        Arbitrary<List<BigDecimal>> weights = Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000000"))
                .ofScale(3).list().ofMinSize(1).ofMaxSize(40)
                .filter(ws -> ws.stream().anyMatch(w -> w.signum() > 0));
        return Combinators.combine(scales, minorUnits, weights).as((scale, units, ws) -> {
            List<Share> shares = new ArrayList<>();
            for (int i = 0; i < ws.size(); i++) {
                shares.add(new Share(String.format("M%03d", i), ws.get(i)));
            }
            return new Case(BigDecimal.valueOf(units, scale), shares, scale);
        });
    }

    @Property(tries = 500)
    void thePartsAddUpToTheParentExactly(@ForAll("cases") Case c) {
        Map<String, BigDecimal> parts = LargestRemainder.split(c.amount(), c.shares(), c.scale());
        assertEquals(0, parts.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(c.amount()));
        assertEquals(c.shares().size(), parts.size());
        parts.values().forEach(p -> assertEquals(c.scale(), p.scale()));
    }

    @Property(tries = 500)
    void eachPartIsWithinOneMinorUnitOfItsExactShare(@ForAll("cases") Case c) {
        Map<String, BigDecimal> parts = LargestRemainder.split(c.amount(), c.shares(), c.scale());
        BigDecimal sum = c.shares().stream().map(Share::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal unit = BigDecimal.ONE.movePointLeft(c.scale());
        for (Share s : c.shares()) {
            BigDecimal exact = c.amount().multiply(s.weight()).divide(sum, MathContext.DECIMAL128);
            BigDecimal diff = parts.get(s.key()).subtract(exact);
            // floor or floor + 1 minor unit: never below the floor, never a whole unit above the exact share
            assertTrue(diff.compareTo(unit.negate()) > 0 && diff.compareTo(unit) < 0,
                    s.key() + " got " + parts.get(s.key()) + " for an exact share of " + exact);
            assertTrue(parts.get(s.key()).compareTo(exact.setScale(c.scale(), java.math.RoundingMode.FLOOR)) >= 0);
        }
    }

    @Property(tries = 300)
    void theResultIsDeterministicAndDoesNotDependOnTheOrderOfMembers(@ForAll("cases") Case c, @ForAll long seed) {
        Map<String, BigDecimal> first = LargestRemainder.split(c.amount(), c.shares(), c.scale());
        assertEquals(first, LargestRemainder.split(c.amount(), c.shares(), c.scale()));
        List<Share> shuffled = new ArrayList<>(c.shares());
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(first, LargestRemainder.split(c.amount(), shuffled, c.scale()));
    }

    @Property(tries = 300)
    void equalWeightsGiveTheLeftoverToTheSmallestKeys(@ForAll @IntRange(min = 1, max = 50) int members,
                                                       @ForAll @IntRange(min = 0, max = 1_000_000) int minorUnits,
                                                       @ForAll @IntRange(min = 0, max = 4) int scale,
                                                       @ForAll long seed) {
        List<Share> shares = new ArrayList<>(IntStream.range(0, members)
                .mapToObj(i -> new Share(String.format("K%02d", i), BigDecimal.ONE)).toList());
        Collections.shuffle(shares, new Random(seed));
        BigDecimal amount = BigDecimal.valueOf(minorUnits, scale);
        Map<String, BigDecimal> parts = LargestRemainder.split(amount, shares, scale);
        BigInteger base = BigInteger.valueOf(minorUnits / members);
        int leftover = minorUnits % members;
        for (int i = 0; i < members; i++) {
            BigInteger expected = i < leftover ? base.add(BigInteger.ONE) : base;
            assertEquals(new BigDecimal(expected, scale), parts.get(String.format("K%02d", i)));
        }
    }
}
