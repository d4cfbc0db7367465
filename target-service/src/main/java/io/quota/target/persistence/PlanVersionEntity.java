package io.quota.target.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Row of table plan_versions. */
@Entity
@Table(name = "plan_versions")
@IdClass(PlanVersionEntity.Key.class)
public class PlanVersionEntity {
    @Id
    @Column(name = "plan_id")
    public String planId;
    @Id
    @Column(name = "version")
    public int number;
    public String status;
    @Column(name = "cell_count")
    public int cellCount;
    public BigDecimal total;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "submitted_by")
    public String submittedBy;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "based_on")
    public Integer basedOn;
    public String note;

    public static class Key implements Serializable {
        public String planId;
        public int number;

        public Key() {
        }

        public Key(String planId, int number) {
            this.planId = planId;
            this.number = number;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && number == k.number && Objects.equals(planId, k.planId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(planId, number);
        }
    }
}
