package io.quota.territory.persistence;

import io.quota.territory.domain.Potential;
import io.quota.territory.domain.Territory;
import io.quota.territory.domain.TerritoryDetails;
import io.quota.territory.domain.TerritoryId;
import io.quota.territory.domain.TerritoryNames;
import io.quota.territory.domain.TerritoryStatus;
import io.quota.territory.domain.TerritoryType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

/** The stored form of a {@link Territory}; the version column is the optimistic lock behind ETag / If-Match. */
@Entity
@Table(name = "territory")
public class TerritoryEntity {
    @Id
    public String id;
    @Column(name = "parent_id")
    public String parentId;
    @Enumerated(EnumType.STRING)
    public TerritoryType type;
    @Column(name = "name_zh")
    public String nameZh;
    @Column(name = "name_en")
    public String nameEn;
    public BigDecimal potential;
    @Enumerated(EnumType.STRING)
    public TerritoryStatus status;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_by")
    public String updatedBy;

    public Territory toDomain() {
        return Territory.restore(TerritoryId.of(id), new TerritoryDetails(TerritoryId.ofNullable(parentId), type,
                TerritoryNames.of(nameZh, nameEn), Potential.ofNullable(potential), status));
    }

    /** Copies the territory's state in; the caller sets the who/when columns. */
    public TerritoryEntity assign(Territory territory) {
        id = territory.id().value();
        parentId = territory.parentId() == null ? null : territory.parentId().value();
        type = territory.type();
        nameZh = territory.names().zh();
        nameEn = territory.names().en();
        potential = territory.potential() == null ? null : territory.potential().amount();
        status = territory.status();
        return this;
    }
}
