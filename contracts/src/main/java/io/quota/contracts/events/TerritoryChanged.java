package io.quota.contracts.events;

import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The latest state of one territory node; compacted by territoryId. */
public record TerritoryChanged(UUID eventId, Instant occurredAt, int schemaVersion, String territoryId,
                               String parentId, String type, String status, String nameZh, String nameEn,
                               BigDecimal potential, String modelId, LocalDate effectiveFrom, LocalDate effectiveTo)
        implements QuotaEvent {
    @Override
    public String key() {
        return territoryId;
    }

    @Override
    public String topic() {
        return Topics.TERRITORIES;
    }
}
