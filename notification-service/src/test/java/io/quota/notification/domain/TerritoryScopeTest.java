package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerritoryScopeTest {
    static final List<String> EAST_NORTH = List.of("EAST-N", "EAST", "CN");
    static final List<String> ROLL_UP = List.of();

    @Test
    void everywhereCoversEveryNodeRollUpsToo() {
        assertTrue(TerritoryScope.EVERYWHERE.unrestricted());
        assertTrue(TerritoryScope.EVERYWHERE.covers(EAST_NORTH));
        assertTrue(TerritoryScope.EVERYWHERE.covers(ROLL_UP));
        assertTrue(TerritoryScope.of(null).unrestricted());
    }

    @Test
    void aSubtreeCoversItsRootAndEverythingBelowButNotItsParentNorRollUps() {
        TerritoryScope east = new TerritoryScope(Set.of("EAST"));
        assertTrue(east.covers(EAST_NORTH));
        assertTrue(east.covers(List.of("EAST", "CN")));
        assertFalse(east.covers(List.of("CN")), "the parent spans other subtrees");
        assertFalse(east.covers(List.of("WEST", "CN")));
        assertFalse(east.covers(ROLL_UP), "a roll-up across territories is outside every scope");
    }

    @Test
    void noRootsCoversNothingTerritoryBound() {
        TerritoryScope none = TerritoryScope.of(List.of());
        assertFalse(none.unrestricted());
        assertFalse(none.covers(EAST_NORTH));
        assertFalse(none.covers(ROLL_UP));
    }
}
