package io.quota.territory.persistence;

import io.quota.territory.domain.assignments.DateSpan;
import io.quota.territory.domain.assignments.RepAssignment;
import io.quota.territory.domain.assignments.RepRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

@Entity
@Table(name = "rep_assignment")
public class RepAssignmentEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "rep_id")
    public String repId;
    @Column(name = "territory_id")
    public String territoryId;
    public String role;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "effective_to")
    public LocalDate effectiveTo;
    @Column(name = "cover_for")
    public String coverFor;
    public String note;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;

    public RepAssignment toDomain() {
        return new RepAssignment(id == null ? -1 : id, repId, territoryId, RepRole.valueOf(role),
                new DateSpan(effectiveFrom, effectiveTo), coverFor);
    }
}
