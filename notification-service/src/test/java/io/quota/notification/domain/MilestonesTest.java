package io.quota.notification.domain;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MilestonesTest {
    @Test
    void theHighestMilestoneReachedCounts() {
        assertEquals(Optional.empty(), Milestones.highestReached(new BigDecimal("0.4999")));
        assertEquals(Optional.of(50), Milestones.highestReached(new BigDecimal("0.50")));
        assertEquals(Optional.of(80), Milestones.highestReached(new BigDecimal("0.9999")));
        assertEquals(Optional.of(100), Milestones.highestReached(new BigDecimal("1.0000")));
        assertEquals(Optional.of(100), Milestones.highestReached(new BigDecimal("2.5")));
        assertEquals(Optional.empty(), Milestones.highestReached(null));
    }

    @Test
    void eachMilestoneIsNewsOnceAndAJumpTellsOnlyTheHighest() {
        assertEquals(Optional.of(50), Milestones.crossed(null, new BigDecimal("0.55")));
        assertEquals(Optional.empty(), Milestones.crossed(50, new BigDecimal("0.60")));
        assertEquals(Optional.of(80), Milestones.crossed(50, new BigDecimal("0.85")));
        assertEquals(Optional.of(100), Milestones.crossed(null, new BigDecimal("1.02")));
        // falling back and rising again is not news
        assertEquals(Optional.empty(), Milestones.crossed(80, new BigDecimal("0.81")));
        assertEquals(Optional.empty(), Milestones.crossed(100, new BigDecimal("0.40")));
    }

    /** Whatever was told, a milestone told now is higher, reached, and one of 50/80/100. */
    @Property
    void aCrossedMilestoneIsAlwaysAboveWhatWasToldAndReached(@ForAll @IntRange(min = 0, max = 3) int toldIndex,
                                                             @ForAll @IntRange(min = 0, max = 30000) int basisPoints) {
        Integer told = toldIndex == 0 ? null : Milestones.LEVELS.get(toldIndex - 1);
        BigDecimal attainment = BigDecimal.valueOf(basisPoints, 4);
        Milestones.crossed(told, attainment).ifPresent(m -> {
            assertTrue(Milestones.LEVELS.contains(m));
            assertTrue(told == null || m > told);
            assertTrue(attainment.movePointRight(2).compareTo(BigDecimal.valueOf(m)) >= 0);
        });
    }
}
