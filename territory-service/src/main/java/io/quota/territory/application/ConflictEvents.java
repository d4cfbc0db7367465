package io.quota.territory.application;

import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.TerritoryChanged;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The two events this service publishes, as contracts defines them plus optional fields that carry the
 * assignment's conflicts (DESIGN.md section 3 allows adding optional fields; consumers ignore fields they do not
 * know, and the ce_type stays the contract's). They belong in contracts; until they move there, they live here.
 */
final class ConflictEvents {
    /** Why the rules give an account no territory from {@code since}: ORPHAN (none) or OVERLAP (the candidates tie). */
    record Conflict(String outcome, List<String> candidates, LocalDate since) {
    }

    /** AccountAssignmentChanged + {@code conflict} (null while the rules give the account exactly one territory). */
    record AccountAssignment(UUID eventId, Instant occurredAt, int schemaVersion, String accountId,
                             List<AccountAssignmentChanged.Span> history, Conflict conflict) implements QuotaEvent {
        @Override
        public String key() {
            return accountId;
        }

        @Override
        public String topic() {
            return Topics.ASSIGNMENTS;
        }

        @Override
        public String ceType() {
            return "quota." + AccountAssignmentChanged.class.getSimpleName() + ".v" + schemaVersion;
        }
    }

    /**
     * TerritoryChanged + {@code overlappingAccounts} (accounts the ACTIVE model cannot decide between this territory,
     * or one under it, and another) and, on a root, {@code orphanAccounts} (accounts no territory's rules match).
     */
    record Territory(UUID eventId, Instant occurredAt, int schemaVersion, String territoryId, String parentId,
                     String type, String status, String nameZh, String nameEn, BigDecimal potential, String modelId,
                     LocalDate effectiveFrom, LocalDate effectiveTo, long overlappingAccounts, Long orphanAccounts)
            implements QuotaEvent {
        @Override
        public String key() {
            return territoryId;
        }

        @Override
        public String topic() {
            return Topics.TERRITORIES;
        }

        @Override
        public String ceType() {
            return "quota." + TerritoryChanged.class.getSimpleName() + ".v" + schemaVersion;
        }
    }

    private ConflictEvents() {
    }
}
