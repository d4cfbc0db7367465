package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.NodeKey;

import java.math.BigDecimal;
import java.util.Objects;

/** One leaf of a plan (目标单元): one member per dimension and one period, with its amount. */
public record Cell(NodeKey key, BigDecimal amount) {
    public Cell {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(amount, "amount");
    }

    public String cellKey() {
        return key.encode();
    }

    /** The cell's territory, or null when the plan has no TERRITORY level. */
    public String territory() {
        return key.member(Dimension.TERRITORY);
    }
}
