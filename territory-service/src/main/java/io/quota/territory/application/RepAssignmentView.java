package io.quota.territory.application;

import io.quota.territory.domain.assignments.RepRoster;
import io.quota.territory.persistence.RepAssignmentEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A rep's recorded assignments (never rewritten) and the effective history they give (what the event carries). */
public record RepAssignmentView(String repId, List<Recorded> assignments, List<RepRoster.HeldSpan> history) {
    public record Recorded(long id, String territoryId, String role, LocalDate effectiveFrom, LocalDate effectiveTo,
                           String coverFor, String note, Instant createdAt, String createdBy) {
        static Recorded of(RepAssignmentEntity e) {
            return new Recorded(e.id, e.territoryId, e.role, e.effectiveFrom, e.effectiveTo, e.coverFor, e.note,
                    e.createdAt, e.createdBy);
        }
    }
}
