package io.quota.territory.domain.balancing;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BalancerPropertyTest {
    /** Never worse than before, within the cap, totals kept, locked units stay. */
    @Property(tries = 100)
    void neverWorsensKeepsTotalsAndObeysTheCap(@ForAll @IntRange(min = 2, max = 8) int territories,
                                               @ForAll @IntRange(min = 1, max = 60) int unitCount,
                                               @ForAll @IntRange(min = 0, max = 30) int cap,
                                               @ForAll long seed) {
        Random random = new Random(seed);
        List<BalancingTerritory> ts = new ArrayList<>();
        for (int t = 0; t < territories; t++) {
            ts.add(new BalancingTerritory("T" + t, random.nextInt(3)));
        }
        List<BalancingUnit> units = new ArrayList<>();
        for (int u = 0; u < unitCount; u++) {
            units.add(new BalancingUnit("u" + u, "T" + random.nextInt(territories), random.nextInt(10_000),
                    random.nextInt(100), 1 + random.nextInt(3), random.nextInt(5) == 0));
        }
        Proposal p = Balancer.propose(ts, units, new BalancingOptions(cap, 0.01));
        double before = square(p.potentialBefore()) + square(p.workloadBefore());
        double after = square(p.potentialAfter()) + square(p.workloadAfter());
        assertTrue(after <= before + 1e-9, "objective " + before + " -> " + after);
        assertTrue(p.movedAccounts() <= cap);
        assertEquals(p.moves().stream().mapToInt(Move::accounts).sum(), p.movedAccounts());
        assertEquals(p.before().stream().mapToLong(TerritoryLoad::potentialMinor).sum(),
                p.after().stream().mapToLong(TerritoryLoad::potentialMinor).sum());
        for (Move m : p.moves()) {
            assertTrue(units.stream().noneMatch(u -> u.key().equals(m.unitKey()) && u.locked()));
        }
    }

    private static double square(Spread s) {
        return s.coefficientOfVariation() * s.coefficientOfVariation();
    }
}
