package io.quota.kpi.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreditSplitTest {
    @Test
    void sharesFollowThePercentsAndTheLeftoverGoesToTheLargestRemainder() {
        Map<String, BigDecimal> shares = CreditSplit.split(new BigDecimal("100.00"), List.of(
                new CreditSplit.Share("A", new BigDecimal("33.3333")), new CreditSplit.Share("B", new BigDecimal("33.3333")),
                new CreditSplit.Share("C", new BigDecimal("33.3334"))));
        assertEquals(new BigDecimal("33.333300"), shares.get("A"));
        assertEquals(new BigDecimal("33.333300"), shares.get("B"));
        assertEquals(new BigDecimal("33.333400"), shares.get("C"));
        Map<String, BigDecimal> thirds = CreditSplit.split(new BigDecimal("0.000001"), List.of(
                new CreditSplit.Share("B", new BigDecimal("50")), new CreditSplit.Share("A", new BigDecimal("50"))));
        // equal remainders: ascending rep id wins the last minor unit
        assertEquals(new BigDecimal("0.000001"), thirds.get("A"));
        assertEquals(new BigDecimal("0.000000"), thirds.get("B"));
    }

    @Test
    void splitsThatDoNotSumTo100OrRepeatARepAreRefused() {
        assertTrue(CreditSplit.problem(List.of(new CreditSplit.Share("A", new BigDecimal("60")),
                new CreditSplit.Share("B", new BigDecimal("30")))).orElseThrow().contains("90"));
        assertTrue(CreditSplit.problem(List.of(new CreditSplit.Share("A", new BigDecimal("50")),
                new CreditSplit.Share("A", new BigDecimal("50")))).orElseThrow().contains("twice"));
        assertTrue(CreditSplit.problem(List.of(new CreditSplit.Share("A", new BigDecimal("0")),
                new CreditSplit.Share("B", new BigDecimal("100")))).isPresent());
        assertTrue(CreditSplit.problem(List.of(new CreditSplit.Share("A", new BigDecimal("100")))).isEmpty());
    }

    @Property(tries = 500)
    void sharesAlwaysSumToTheValueAndAReversalUndoesThemExactly(
            @ForAll @BigRange(min = "-999999999.999999", max = "999999999.999999") @Scale(6) BigDecimal raw,
            @ForAll("percents") List<BigDecimal> percents) {
        BigDecimal value = raw.setScale(6, RoundingMode.DOWN);
        List<CreditSplit.Share> shares = new ArrayList<>();
        for (int i = 0; i < percents.size(); i++) {
            shares.add(new CreditSplit.Share("R" + i, percents.get(i)));
        }
        Map<String, BigDecimal> split = CreditSplit.split(value, shares);
        assertEquals(0, value.compareTo(split.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)));
        Map<String, BigDecimal> reversed = CreditSplit.split(value.negate(), shares);
        split.forEach((rep, share) -> assertEquals(0, share.negate().compareTo(reversed.get(rep))));
        // each share is within one minor unit of its exact share
        for (CreditSplit.Share s : shares) {
            BigDecimal exact = value.multiply(s.percent()).divide(BigDecimal.valueOf(100));
            assertTrue(exact.subtract(split.get(s.repId())).abs().compareTo(new BigDecimal("0.000001")) <= 0);
        }
    }

    /** Percents (4 decimals) that sum to exactly 100. */
    @Provide
    Arbitrary<List<BigDecimal>> percents() {
        return Arbitraries.integers().between(1, 8).flatMap(n -> Arbitraries.integers().between(1, 1_000_000)
                .list().ofSize(n).map(weights -> {
                    long sum = weights.stream().mapToLong(Integer::longValue).sum();
                    List<BigDecimal> result = new ArrayList<>();
                    long given = 0;
                    for (int i = 0; i < weights.size(); i++) {
                        long units = i == weights.size() - 1 ? 1_000_000 - given
                                : Math.max(1, weights.get(i) * 1_000_000L / sum);
                        given += units;
                        result.add(BigDecimal.valueOf(units, 4));
                    }
                    return result;
                }).filter(l -> l.stream().allMatch(p -> p.signum() > 0)));
    }
}
