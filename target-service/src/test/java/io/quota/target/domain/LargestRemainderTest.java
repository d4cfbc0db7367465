package io.quota.target.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LargestRemainderTest {

    @Test
    void oneHundredSplitThreeWaysGivesTheLeftoverCentToTheFirstKey() {
        Map<String, BigDecimal> parts = LargestRemainder.split(new BigDecimal("100.00"),
                List.of(Share.of("A", "1"), Share.of("B", "1"), Share.of("C", "1")), 2);
        assertEquals(Map.of("A", new BigDecimal("33.34"), "B", new BigDecimal("33.33"), "C", new BigDecimal("33.33")), parts);
    }

    @Test
    void equalRemaindersAreServedInAscendingKeyOrderWhateverTheInputOrder() {
        Map<String, BigDecimal> parts = LargestRemainder.split(new BigDecimal("0.02"),
                List.of(Share.of("WEST", "1"), Share.of("NORTH", "1"), Share.of("EAST", "1")), 2);
        assertEquals(new BigDecimal("0.01"), parts.get("EAST"));
        assertEquals(new BigDecimal("0.01"), parts.get("NORTH"));
        assertEquals(new BigDecimal("0.00"), parts.get("WEST"));
        assertEquals(List.of("WEST", "NORTH", "EAST"), List.copyOf(parts.keySet()), "parts keep the input order");
    }

    @Test
    void theLargestRemainderWinsOverAnEarlierKey() {
        // exact shares 3.333..., 6.666...: floors 3 and 6, the leftover unit goes to B (remainder 2/3 > 1/3)
        Map<String, BigDecimal> parts = LargestRemainder.split(BigDecimal.TEN,
                List.of(Share.of("A", "1"), Share.of("B", "2")), 0);
        assertEquals(new BigDecimal("3"), parts.get("A"));
        assertEquals(new BigDecimal("7"), parts.get("B"));
    }

    @Test
    void weightsWithDecimalsAndZeroWeights() {
        Map<String, BigDecimal> parts = LargestRemainder.split(new BigDecimal("1000"),
                List.of(Share.of("A", "0.5"), Share.of("B", "0.25"), Share.of("C", "0.25"), Share.of("Z", "0")), 0);
        assertEquals(Map.of("A", new BigDecimal("500"), "B", new BigDecimal("250"), "C", new BigDecimal("250"),
                "Z", new BigDecimal("0")), parts);
    }

    @Test
    void yenHasNoMinorUnitAndRatiosHaveFour() {
        assertEquals(Map.of("A", new BigDecimal("34"), "B", new BigDecimal("33"), "C", new BigDecimal("33")),
                LargestRemainder.split(new BigDecimal("100"), List.of(Share.of("A", "1"), Share.of("B", "1"),
                        Share.of("C", "1")), 0));
        assertEquals(Map.of("A", new BigDecimal("0.3334"), "B", new BigDecimal("0.3333"), "C", new BigDecimal("0.3333")),
                LargestRemainder.split(BigDecimal.ONE, List.of(Share.of("A", "1"), Share.of("B", "1"),
                        Share.of("C", "1")), 4));
    }

    @Test
    void zeroSplitsIntoZeros() {
        assertEquals(Map.of("A", new BigDecimal("0.00"), "B", new BigDecimal("0.00")),
                LargestRemainder.split(BigDecimal.ZERO, List.of(Share.of("A", "1"), Share.of("B", "3")), 2));
    }

    @Test
    void refusesWhatCannotBeSplitExactly() {
        List<Share> ab = List.of(Share.of("A", "1"), Share.of("B", "1"));
        assertThrows(IllegalArgumentException.class, () -> LargestRemainder.split(new BigDecimal("1.005"), ab, 2));
        assertThrows(IllegalArgumentException.class, () -> LargestRemainder.split(new BigDecimal("-1"), ab, 2));
        assertThrows(IllegalArgumentException.class, () -> LargestRemainder.split(BigDecimal.ONE, List.of(), 2));
        assertThrows(IllegalArgumentException.class, () -> LargestRemainder.split(BigDecimal.ONE,
                List.of(Share.of("A", "0"), Share.of("B", "0")), 2));
        assertThrows(IllegalArgumentException.class, () -> LargestRemainder.split(BigDecimal.ONE,
                List.of(Share.of("A", "1"), Share.of("A", "2")), 2));
        assertThrows(IllegalArgumentException.class, () -> Share.of("A", "-1"));
    }
}
