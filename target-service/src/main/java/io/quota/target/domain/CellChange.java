package io.quota.target.domain;

import java.math.BigDecimal;

/** One cell's amount in two versions; null where a version lacks the cell. */
public record CellChange(String cellKey, BigDecimal from, BigDecimal to) {
}
