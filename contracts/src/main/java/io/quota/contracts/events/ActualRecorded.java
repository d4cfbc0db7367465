package io.quota.contracts.events;

import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One business fact (实际业绩). Names an account and/or a territory; a reversal carries a negative value and
 * the original's eventId in reversalOf. Optional: a credit split between reps (percents sum to 100), and the
 * adjustment flag that lets an actual into a closed period (audited).
 */
public record ActualRecorded(UUID eventId, Instant occurredAt, int schemaVersion, Metric metric, BigDecimal value,
                             String unit, LocalDate businessDate, String accountId, String territoryId, String repId,
                             String industry, String customerType, String productLine, String channel, String source,
                             UUID reversalOf, List<Credit> credits, Boolean adjustment) implements QuotaEvent {
    /** One rep's share of an actual, in percent. */
    public record Credit(String repId, BigDecimal percent) {
    }

    /** An actual without a credit split, not an adjustment. */
    public ActualRecorded(UUID eventId, Instant occurredAt, int schemaVersion, Metric metric, BigDecimal value,
                          String unit, LocalDate businessDate, String accountId, String territoryId, String repId,
                          String industry, String customerType, String productLine, String channel, String source,
                          UUID reversalOf) {
        this(eventId, occurredAt, schemaVersion, metric, value, unit, businessDate, accountId, territoryId, repId,
                industry, customerType, productLine, channel, source, reversalOf, null, null);
    }

    public boolean adjustsClosedPeriod() {
        return Boolean.TRUE.equals(adjustment);
    }

    @Override
    public String key() {
        return accountId != null ? accountId : territoryId;
    }

    @Override
    public String topic() {
        return Topics.ACTUALS;
    }
}
