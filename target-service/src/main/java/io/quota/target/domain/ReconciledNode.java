package io.quota.target.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One node of the reconciliation view: the top-down target (the sum of its cells), the bottom-up commitments
 * (their sum; cells without one count zero) and the gap between them.
 */
public record ReconciledNode(Map<String, String> members, BigDecimal topDown, BigDecimal bottomUp, long committedCells,
                             long cells) {
    /** bottom-up - top-down: negative when the commitments fall short of the target. */
    public BigDecimal gap() {
        return bottomUp.subtract(topDown);
    }
}
