package io.quota.target.domain;

import java.math.BigDecimal;

/**
 * Receives the cells of a decomposition one at a time. {@code members} is indexed by
 * {@code Dimension.ordinal()} (null where the plan has no such level) and is reused for the next cell: copy what
 * you keep.
 */
@FunctionalInterface
public interface CellSink {
    void accept(String[] members, Period period, BigDecimal amount);
}
