package io.quota.territory.application;

import io.quota.territory.persistence.AccountEntity;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An account as clients see it, with what the ACTIVE model derived for it: {@code territoryId} (null unless
 * ASSIGNED) and {@code assignment} (ASSIGNED, ORPHAN, OVERLAP; null without an ACTIVE model).
 */
public record AccountView(String id, String name, String country, String province, String city, String postalCode,
                          String industry, String customerType, BigDecimal potential, String currency, int workload,
                          String status, String territoryId, String assignment, long version, Instant createdAt,
                          Instant updatedAt, String createdBy, String updatedBy) {
    static AccountView of(AccountEntity e, String territoryId, String assignment) {
        return new AccountView(e.id, e.name, e.country, e.province, e.city, e.postalCode, e.industry, e.customerType,
                e.potential, e.currency, e.workload, e.status, territoryId, assignment, e.version, e.createdAt,
                e.updatedAt, e.createdBy, e.updatedBy);
    }
}
