package io.quota.territory.application;

import io.quota.territory.domain.TerritoryType;

import java.math.BigDecimal;

/** What a planner supplies for a territory, as received; the domain decides whether it is acceptable. */
public record TerritoryInput(String parentId, TerritoryType type, String nameZh, String nameEn, BigDecimal potential) {
}
