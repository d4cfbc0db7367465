package io.quota.territory.domain.balancing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BalancerTest {
    static List<BalancingUnit> units(String territory, int count, long potential, long workload) {
        List<BalancingUnit> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new BalancingUnit(territory + "-" + i, territory, potential, workload, 1, false));
        }
        return out;
    }

    @Test
    void movesFromTheMostToTheLeastLoadedAndCutsTheSpread() {
        List<BalancingUnit> units = new ArrayList<>(units("A", 10, 100, 10));
        units.addAll(units("B", 2, 100, 10));
        Proposal p = Balancer.propose(List.of(new BalancingTerritory("A", 1), new BalancingTerritory("B", 1)),
                units, new BalancingOptions(100, 0.0));
        assertEquals(4, p.moves().size());
        assertTrue(p.moves().stream().allMatch(m -> m.fromTerritoryId().equals("A") && m.toTerritoryId().equals("B")));
        assertEquals(0.0, p.potentialAfter().coefficientOfVariation(), 1e-9);
        assertEquals(1.0, p.potentialAfter().maxMinRatio(), 1e-9);
        assertEquals(5.0, p.potentialBefore().maxMinRatio(), 1e-9);
        assertEquals(6, p.after().get(0).accounts());
        assertEquals(600, p.after().get(1).potentialMinor());
    }

    @Test
    void potentialIsMeasuredPerRep() {
        // A has twice B's accounts but two reps: already balanced per rep
        List<BalancingUnit> units = new ArrayList<>(units("A", 8, 100, 0));
        units.addAll(units("B", 4, 100, 0));
        Proposal p = Balancer.propose(List.of(new BalancingTerritory("A", 2), new BalancingTerritory("B", 1)),
                units, new BalancingOptions(100, 0.0));
        assertEquals(List.of(), p.moves());
        assertEquals(0.0, p.potentialBefore().coefficientOfVariation(), 1e-9);
    }

    @Test
    void respectsTheCapLockedUnitsAndTolerance() {
        List<BalancingUnit> units = new ArrayList<>(units("A", 10, 100, 10));
        units.addAll(units("B", 2, 100, 10));
        List<BalancingTerritory> territories = List.of(new BalancingTerritory("A", 1), new BalancingTerritory("B", 1));
        assertEquals(1, Balancer.propose(territories, units, new BalancingOptions(1, 0)).movedAccounts());

        List<BalancingUnit> locked = units.stream().map(u -> u.territoryId().equals("A") && !u.key().equals("A-3")
                ? new BalancingUnit(u.key(), "A", 100, 10, 1, true) : u).toList();
        Proposal onlyOne = Balancer.propose(territories, locked, new BalancingOptions(100, 0));
        assertEquals(List.of("A-3"), onlyOne.moves().stream().map(Move::unitKey).toList());

        // within 40% of the mean 600: 1000/200 and 900/300 are not, 800/400 after two moves are
        Proposal loose = Balancer.propose(territories, units, new BalancingOptions(100, 0.4));
        assertEquals(2, loose.moves().size());
    }

    @Test
    void keepsUnitsWholeAndIsDeterministic() {
        List<BalancingUnit> units = List.of(
                new BalancingUnit("city:杭州", "A", 500, 50, 5, false),
                new BalancingUnit("city:宁波", "A", 300, 30, 3, false),
                new BalancingUnit("city:南京", "B", 100, 10, 1, false));
        List<BalancingTerritory> t = List.of(new BalancingTerritory("B", 1), new BalancingTerritory("A", 1));
        Proposal first = Balancer.propose(t, units, new BalancingOptions(100, 0));
        assertEquals(first, Balancer.propose(t, List.of(units.get(2), units.get(0), units.get(1)),
                new BalancingOptions(100, 0)));
        assertEquals(Set.of("city:宁波"), Set.copyOf(first.moves().stream().map(Move::unitKey).toList()));
        assertEquals(3, first.movedAccounts());
    }
}
