package io.quota.territory.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever planners try, in any order, the rules keep the tree a forest of regions over leaves. */
class TreeShapePropertyTest {
    private static final List<TerritoryType> TYPES = List.of(TerritoryType.values());

    /** One attempted change: territory n takes parent p (or becomes a root), type t, status s. */
    record Attempt(int territory, int parent, int type, boolean archived) {
    }

    @Property(tries = 300)
    void acceptedChangesNeverBreakTheTree(@ForAll("attempts") List<Attempt> attempts) {
        InMemoryTree tree = new InMemoryTree();
        for (int i = 0; i < 8; i++) {
            tree.plant("T" + i, i == 0 ? null : "T0", TerritoryType.REGION);
        }
        for (Attempt a : attempts) {
            Territory t = tree.get("T" + a.territory());
            TerritoryDetails next = new TerritoryDetails(a.parent() < 0 ? null : TerritoryId.of("T" + a.parent()),
                    TYPES.get(a.type()), t.names(), null, a.archived() ? TerritoryStatus.ARCHIVED : TerritoryStatus.ACTIVE);
            try {
                t.revise(next, tree);
            } catch (TerritoryRuleViolation refused) {
                // refused changes are part of the game; the invariants below must hold either way
            }
            assertShape(tree);
        }
    }

    private static void assertShape(InMemoryTree tree) {
        for (Territory t : tree.nodes.values()) {
            Set<TerritoryId> seen = new HashSet<>();
            for (Territory n = t; n.parentId() != null; n = tree.get(n.parentId().value())) {
                assertTrue(seen.add(n.id()), "cycle through " + n.id());
            }
            if (t.parentId() != null) {
                Territory parent = tree.get(t.parentId().value());
                assertTrue(parent.type().mayHaveChildren(), t + " sits under a leaf");
                assertFalse(t.active() && !parent.active(), t + " is active under an archived region");
            }
        }
    }

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        Arbitrary<Attempt> attempt = Arbitraries.integers().between(0, 7).flatMap(n ->
                Arbitraries.integers().between(-1, 7).flatMap(p ->
                        Arbitraries.integers().between(0, TYPES.size() - 1).flatMap(type ->
                                Arbitraries.of(true, false, false).map(archived -> new Attempt(n, p, type, archived)))));
        return attempt.list().ofMaxSize(40);
    }
}
