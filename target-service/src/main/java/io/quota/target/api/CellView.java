package io.quota.target.api;

import io.quota.target.domain.Cell;
import io.quota.target.domain.Unit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** One cell: its node key, its members by dimension name, its period and its amount. */
public record CellView(String cellKey, Map<String, String> members, LocalDate periodStart, LocalDate periodEnd,
                       BigDecimal amount) {
    static CellView of(Cell c, Unit unit) {
        Map<String, String> members = new LinkedHashMap<>();
        c.key().members().forEach((d, m) -> members.put(d.param(), m));
        return new CellView(c.cellKey(), members, c.key().from(), c.key().to(), unit.normalise(c.amount()));
    }
}
