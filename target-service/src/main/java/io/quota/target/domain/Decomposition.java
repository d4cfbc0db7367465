package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.NodeKey;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies levels in order, depth first: every parent amount is split among its children by the level's method
 * with the largest remainder method at the unit's minor unit; the leaves are the cells. So each parent is the
 * exact sum of its children, and the total is the exact sum of the cells. Cells are streamed to a
 * {@link CellSink}: memory holds one path of the level tree, never the cells, whatever their number.
 */
public final class Decomposition {
    private static final Dimension[] DIMENSIONS = Dimension.values();

    private final String planId;
    private final Period period;
    private final BigInteger total;
    private final Unit unit;
    private final List<Level> levels;
    private final boolean derived;
    private final int fiscalStartMonth;
    private final WorkDays workDays;

    public Decomposition(String planId, Period period, BigDecimal total, Unit unit, List<Level> levels, boolean derived,
                         int fiscalStartMonth, WorkDays workDays) {
        this.planId = planId;
        this.period = period;
        this.total = total.setScale(unit.minorUnit()).unscaledValue();
        this.unit = unit;
        this.levels = List.copyOf(levels);
        this.derived = derived;
        this.fiscalStartMonth = fiscalStartMonth;
        this.workDays = workDays;
    }

    /**
     * How many cells the levels make, without making them: the product of the member counts times the number
     * of periods of the finest TIME level (nested periods partition the plan period the same way).
     */
    public long cellCount() {
        long count = 1;
        Granularity finest = null;
        for (Level l : levels) {
            if (l.dimension() == Dimension.TIME) {
                if (finest == null || l.granularity().ordinal() > finest.ordinal()) {
                    finest = l.granularity();
                }
            } else {
                count = Math.multiplyExact(count, l.fanOut());
            }
        }
        return finest == null ? count : Math.multiplyExact(count, finest.split(period, fiscalStartMonth, workDays).size());
    }

    /** Streams every cell, depth first in level order. A rule broken under some parent throws PlanRuleViolation. */
    public void forEach(CellSink sink) {
        descend(0, new String[DIMENSIONS.length], period, total, Level.ROOT, sink);
    }

    /** Every cell, ordered by cell key: for small plans and tests (memory grows with the cells). */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        forEach((members, p, amount) -> cells.add(new Cell(NodeKey.parse(cellKey(planId, members, p)), amount)));
        cells.sort(Comparator.comparing(Cell::cellKey));
        return cells;
    }

    private void descend(int depth, String[] members, Period p, BigInteger amount, String parentLabel, CellSink sink) {
        if (depth == levels.size()) {
            sink.accept(members, p, new BigDecimal(amount, unit.minorUnit()));
            return;
        }
        Level level = levels.get(depth);
        Level.Children children = level.children(p, fiscalStartMonth, workDays);
        Supplier<String> where = () -> describe(members, p);
        BigInteger[] parts = level.split(amount, parentLabel, children, unit, derived, workDays, where);
        int slot = level.dimension().ordinal();
        boolean time = level.dimension() == Dimension.TIME;
        for (int i = 0; i < children.size(); i++) {
            if (!time) {
                members[slot] = children.keys()[i];
            }
            descend(depth + 1, members, time ? children.periods()[i] : p, parts[i], children.labels()[i], sink);
        }
        if (!time) {
            members[slot] = null;
        }
    }

    /** The canonical node key of a cell (contracts NodeKey.encode), built without parsing or copying maps. */
    public static String cellKey(String planId, String[] members, Period p) {
        return cellKey(planId, members, p.toString());
    }

    /** The same, with the period already written as {@code from..to} (a caller writing many cells keeps it). */
    public static String cellKey(String planId, String[] members, String period) {
        StringBuilder sb = new StringBuilder(96).append(planId);
        for (int d = 0; d < members.length; d++) {
            if (members[d] != null) {
                sb.append('~').append(DIMENSIONS[d].param()).append('=').append(members[d]);
            }
        }
        return sb.append('~').append(period).toString();
    }

    private static String describe(String[] members, Period p) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < members.length; d++) {
            if (members[d] != null) {
                sb.append(DIMENSIONS[d].param()).append('=').append(members[d]).append(' ');
            }
        }
        return sb.append(p).toString();
    }

    public String planId() {
        return planId;
    }

    public Unit unit() {
        return unit;
    }
}
