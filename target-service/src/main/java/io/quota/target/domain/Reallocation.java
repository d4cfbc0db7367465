package io.quota.target.domain;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves amounts between cells (between periods or members) of a version: each move takes from one cell and gives
 * to another, so the total stays the same and no cell goes below zero. Applied in order.
 */
public final class Reallocation {

    /** One move of {@code amount} from cell {@code from} to cell {@code to}. */
    public record Move(String from, String to, BigDecimal amount) {
    }

    /**
     * The changes per cell (cell key → delta) of applying {@code moves} to cells whose current amounts are
     * {@code amounts} (every cell a move names; a cell missing there does not exist).
     */
    public static Map<String, BigDecimal> deltas(List<Move> moves, Map<String, BigDecimal> amounts, Unit unit,
                                                 boolean derived) {
        if (derived) {
            throw new PlanRuleViolation("moves", "a derived KPI's rate is not an amount to move; set it in a new version");
        }
        if (moves == null || moves.isEmpty()) {
            throw new PlanRuleViolation("moves", "nothing to move");
        }
        Map<String, BigDecimal> now = new LinkedHashMap<>(amounts);
        Map<String, BigDecimal> deltas = new LinkedHashMap<>();
        for (int i = 0; i < moves.size(); i++) {
            Move m = moves.get(i);
            String field = "moves[" + i + "]";
            if (!now.containsKey(m.from())) {
                throw new PlanRuleViolation(field + ".from", "no such cell in this version: " + m.from());
            }
            if (!now.containsKey(m.to())) {
                throw new PlanRuleViolation(field + ".to", "no such cell in this version: " + m.to());
            }
            if (m.from().equals(m.to())) {
                throw new PlanRuleViolation(field + ".to", "a move goes from one cell to another");
            }
            if (m.amount() == null || m.amount().signum() <= 0
                    || m.amount().stripTrailingZeros().scale() > unit.minorUnit()) {
                throw new PlanRuleViolation(field + ".amount", "a positive amount with at most " + unit.minorUnit()
                        + " decimals (" + unit.code() + ")");
            }
            BigDecimal left = now.get(m.from()).subtract(m.amount());
            if (left.signum() < 0) {
                throw new PlanRuleViolation(field + ".amount", "cell " + m.from() + " holds " + now.get(m.from())
                        .toPlainString() + ", less than " + m.amount().toPlainString() + " by " + left.negate().toPlainString());
            }
            now.put(m.from(), left);
            now.put(m.to(), now.get(m.to()).add(m.amount()));
            deltas.merge(m.from(), m.amount().negate(), BigDecimal::add);
            deltas.merge(m.to(), m.amount(), BigDecimal::add);
        }
        deltas.values().removeIf(d -> d.signum() == 0);
        return deltas;
    }

    private Reallocation() {
    }
}
