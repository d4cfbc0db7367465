package io.quota.kpi.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StandingsTest {
    @Test
    void rankedByAttainmentThenActualThenIdWithThoseWithoutTargetLast() {
        List<Standings.Ranked> ranked = Standings.rank(List.of(
                new Standings.Standing("overlay", null, new BigDecimal("900")),
                new Standings.Standing("b", new BigDecimal("100"), new BigDecimal("50")),
                new Standings.Standing("a", new BigDecimal("200"), new BigDecimal("100")),
                new Standings.Standing("top", new BigDecimal("10"), new BigDecimal("9")),
                new Standings.Standing("zero", BigDecimal.ZERO, new BigDecimal("5"))));
        assertEquals(List.of("top", "a", "b", "overlay", "zero"),
                ranked.stream().map(r -> r.standing().id()).toList());
        assertEquals(1, ranked.get(0).rank());
        assertEquals(5, ranked.get(4).rank());
    }
}
