package io.quota.target.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Applies levels in order: every parent amount is split among its children by the level's method with the
 * largest remainder method at the unit's minor unit; the leaves are the cells. So each parent is the exact sum
 * of its children, and the total is the exact sum of the cells.
 */
public final class Decomposition {

    private record Allocation(Node node, BigDecimal amount) {
    }

    /** The cells of a plan, ordered by cell key. */
    public static List<Cell> cells(String planId, Period period, BigDecimal total, Unit unit, List<Level> levels) {
        List<Allocation> frontier = List.of(new Allocation(Node.root(period), total));
        for (Level level : levels) {
            List<Allocation> next = new ArrayList<>();
            for (Allocation parent : frontier) {
                List<Branch> branches = level.branches(parent.node());
                Map<String, BigDecimal> parts = LargestRemainder.split(parent.amount(),
                        branches.stream().map(Branch::share).toList(), unit.minorUnit());
                for (Branch b : branches) {
                    next.add(new Allocation(b.child(), parts.get(b.share().key())));
                }
            }
            frontier = next;
        }
        return frontier.stream()
                .map(a -> new Cell(a.node().key(planId), a.amount()))
                .sorted(Comparator.comparing(Cell::cellKey))
                .toList();
    }

    private Decomposition() {
    }
}
