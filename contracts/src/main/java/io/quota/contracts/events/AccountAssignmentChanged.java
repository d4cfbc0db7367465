package io.quota.contracts.events;

import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The whole effective-dated territory history of one account; compacted by accountId. */
public record AccountAssignmentChanged(UUID eventId, Instant occurredAt, int schemaVersion, String accountId,
                                       List<Span> history) implements QuotaEvent {
    /** The account belonged to territoryId from effectiveFrom until effectiveTo (exclusive; null = open). */
    public record Span(String territoryId, LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    @Override
    public String key() {
        return accountId;
    }

    @Override
    public String topic() {
        return Topics.ASSIGNMENTS;
    }
}
