package io.quota.target.persistence;

import io.quota.contracts.Dimension;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which cells of a version a query asks for: a member per dimension (the query parameters named like the
 * dimension) and cells whose period lies within from..to.
 */
public record CellFilter(Map<Dimension, String> members, LocalDate from, LocalDate to) {
    public static final CellFilter ALL = new CellFilter(Map.of(), null, null);

    public CellFilter {
        members = members == null || members.isEmpty() ? Map.of() : new EnumMap<>(members);
    }

    public static CellFilter territory(String territory) {
        return territory == null ? ALL : new CellFilter(Map.of(Dimension.TERRITORY, territory), null, null);
    }

    /** The SQL condition (with ? placeholders) and its parameters, appended to {@code params}. */
    String condition(List<Object> params) {
        List<String> parts = new ArrayList<>();
        members.forEach((d, m) -> {
            parts.add(CellStore.column(d) + " = ?");
            params.add(m);
        });
        if (from != null) {
            parts.add("period_start >= ?");
            params.add(from);
        }
        if (to != null) {
            parts.add("period_end <= ?");
            params.add(to);
        }
        return parts.isEmpty() ? "true" : String.join(" and ", parts);
    }
}
