package io.quota.territory.application;

import io.quota.territory.persistence.TerritoryModelEntity;

import java.time.Instant;
import java.time.LocalDate;

/** A territory model as clients see it, with its conflict counts; {@code version} is its ETag. */
public record ModelView(String id, String name, String status, String basedOn, LocalDate effectiveFrom,
                        String forcedReason, long version, Instant createdAt, String createdBy, Instant activatedAt,
                        String activatedBy, long orphans, long overlaps) {
    static ModelView of(TerritoryModelEntity m, long orphans, long overlaps) {
        return new ModelView(m.id, m.name, m.status, m.basedOn, m.effectiveFrom, m.forcedReason, m.version,
                m.createdAt, m.createdBy, m.activatedAt, m.activatedBy, orphans, overlaps);
    }
}
