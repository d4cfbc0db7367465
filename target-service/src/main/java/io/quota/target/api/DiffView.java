package io.quota.target.api;

import io.quota.target.application.PlanService;
import io.quota.target.domain.CellChange;
import io.quota.target.domain.Unit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What changed between two versions: per cell (cells whose amount differs, or that one version lacks) or per
 * roll-up group ({@code by}); {@code change} = to - from, an absent side counting as zero.
 */
public record DiffView(String planId, int from, int to, String unit, List<String> by, List<Item> items, int page,
                       int size, long total) {

    public record Item(String cellKey, Map<String, String> members, BigDecimal from, BigDecimal to, BigDecimal change) {
    }

    static DiffView ofCells(String planId, int from, int to, Unit unit, PlanService.Page<CellChange> changes, int page,
                            int size) {
        List<Item> items = changes.items().stream().map(c -> item(c.cellKey(), null, c.from(), c.to(), unit)).toList();
        return new DiffView(planId, from, to, unit.code(), null, items, page, size, changes.total());
    }

    static DiffView ofGroups(String planId, int from, int to, Unit unit, List<String> by, PlanService.RollupDiff d,
                             int page, int size) {
        List<Item> items = d.items().stream().map(g -> item(null, g.members(), g.from(), g.to(), unit)).toList();
        return new DiffView(planId, from, to, unit.code(), by, items, page, size, d.groups());
    }

    private static Item item(String key, Map<String, String> members, BigDecimal from, BigDecimal to, Unit unit) {
        BigDecimal a = from == null ? null : unit.normalise(from);
        BigDecimal b = to == null ? null : unit.normalise(to);
        BigDecimal change = (b == null ? BigDecimal.ZERO : b).subtract(a == null ? BigDecimal.ZERO : a);
        return new Item(key, members, a, b, unit.normalise(change));
    }
}
