package io.quota.target.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Sums of a version's cells per group; {@code total} is their sum, which equals the version's total. */
public record RollupView(String planId, int version, List<String> by, String unit, BigDecimal total,
                         List<Item> items) {
    public record Item(Map<String, String> members, BigDecimal amount) {
    }
}
