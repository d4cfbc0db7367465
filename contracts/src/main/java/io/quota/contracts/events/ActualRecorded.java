package io.quota.contracts.events;

import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One business fact (实际业绩). Names an account and/or a territory; a reversal carries a negative value and
 * the original's eventId in reversalOf.
 */
public record ActualRecorded(UUID eventId, Instant occurredAt, int schemaVersion, Metric metric, BigDecimal value,
                             String unit, LocalDate businessDate, String accountId, String territoryId, String repId,
                             String industry, String customerType, String productLine, String channel, String source,
                             UUID reversalOf) implements QuotaEvent {
    @Override
    public String key() {
        return accountId != null ? accountId : territoryId;
    }

    @Override
    public String topic() {
        return Topics.ACTUALS;
    }
}
