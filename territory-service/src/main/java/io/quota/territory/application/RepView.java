package io.quota.territory.application;

import io.quota.territory.persistence.RepEntity;

import java.time.Instant;

/** A rep as clients see it; {@code capacity} is visits per year; {@code version} is its ETag. */
public record RepView(String id, String nameZh, String nameEn, int capacity, String status, long version,
                      Instant createdAt, Instant updatedAt, String createdBy, String updatedBy) {
    static RepView of(RepEntity e) {
        return new RepView(e.id, e.nameZh, e.nameEn, e.capacity, e.status, e.version, e.createdAt, e.updatedAt,
                e.createdBy, e.updatedBy);
    }
}
