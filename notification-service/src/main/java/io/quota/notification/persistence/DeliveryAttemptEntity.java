package io.quota.notification.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One attempt of one delivery, kept for the operator (GET /api/deliveries/{id}). */
@Entity
@Table(name = "delivery_attempt")
@IdClass(DeliveryAttemptEntity.Key.class)
public class DeliveryAttemptEntity {
    @Id
    @Column(name = "delivery_id")
    public UUID deliveryId;

    @Id
    @Column(name = "attempt_no")
    public int attemptNo;

    @Column(name = "attempted_at")
    public Instant attemptedAt;

    public String outcome;

    @Column(name = "status_code")
    public Integer statusCode;

    public String error;

    @Column(name = "duration_ms")
    public long durationMs;

    public static class Key implements Serializable {
        public UUID deliveryId;
        public int attemptNo;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.attemptNo == attemptNo && Objects.equals(k.deliveryId, deliveryId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deliveryId, attemptNo);
        }
    }
}
