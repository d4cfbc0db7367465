package io.quota.territory.application;

import io.quota.territory.domain.TerritoryStatus;
import io.quota.territory.domain.TerritoryType;
import io.quota.territory.persistence.TerritoryEntity;

import java.math.BigDecimal;
import java.time.Instant;

/** A territory as clients see it; {@code version} is its ETag. */
public record TerritoryView(String id, String parentId, TerritoryType type, TerritoryStatus status, String nameZh,
                            String nameEn, BigDecimal potential, long version, Instant createdAt, Instant updatedAt,
                            String createdBy, String updatedBy) {
    static TerritoryView of(TerritoryEntity e) {
        return new TerritoryView(e.id, e.parentId, e.type, e.status, e.nameZh, e.nameEn, e.potential, e.version,
                e.createdAt, e.updatedAt, e.createdBy, e.updatedBy);
    }
}
