package io.quota.target.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One page of sums of a version's cells per group; {@code total} is the sum over every group (the version's total
 * when unfiltered), {@code groups} how many groups there are.
 */
public record RollupView(String planId, int version, List<String> by, String unit, BigDecimal total,
                         List<Item> items, int page, int size, long groups) {
    public record Item(Map<String, String> members, BigDecimal amount) {
    }
}
