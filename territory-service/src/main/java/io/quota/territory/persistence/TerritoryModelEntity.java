package io.quota.territory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;

/** A territory model; its version moves with every change of its rules or assignment (ETag, proposal staleness). */
@Entity
@Table(name = "territory_model")
public class TerritoryModelEntity {
    @Id
    public String id;
    public String name;
    public String status;
    @Column(name = "based_on")
    public String basedOn;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    @Column(name = "forced_reason")
    public String forcedReason;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "activated_at")
    public Instant activatedAt;
    @Column(name = "activated_by")
    public String activatedBy;
}
