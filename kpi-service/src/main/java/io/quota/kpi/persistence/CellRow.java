package io.quota.kpi.persistence;

import io.quota.kpi.domain.DateRange;

import java.math.BigDecimal;

/** A stored target cell: its node key, territory member (null when the plan has no TERRITORY level), period, amount. */
public record CellRow(String planId, int version, String cellKey, String territoryId, DateRange period,
                      BigDecimal amount) {
}
