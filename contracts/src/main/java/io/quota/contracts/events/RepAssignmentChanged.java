package io.quota.contracts.events;

import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The whole effective-dated history of one rep's territories, PRIMARY and OVERLAY; compacted by repId. */
public record RepAssignmentChanged(UUID eventId, Instant occurredAt, int schemaVersion, String repId,
                                   List<Span> history) implements QuotaEvent {
    public enum Role { PRIMARY, OVERLAY }

    public record Span(String territoryId, Role role, LocalDate effectiveFrom, LocalDate effectiveTo) {
    }

    @Override
    public String key() {
        return repId;
    }

    @Override
    public String topic() {
        return Topics.REP_ASSIGNMENTS;
    }
}
