package io.quota.notification.persistence;

import io.quota.notification.domain.Channel;
import io.quota.notification.domain.DeliveryProgress;
import io.quota.notification.domain.DeliveryStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "delivery")
public class DeliveryEntity {
    @Id
    public UUID id;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    @Column(name = "source_event_id")
    public UUID sourceEventId;

    @Column(name = "event_type")
    public String eventType;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    public int attempts;

    @Column(name = "round_attempts")
    public int roundAttempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "claim_token")
    public UUID claimToken;

    @Column(name = "last_status_code")
    public Integer lastStatusCode;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    /** The territory member of the delivered node; null when the node names none (a roll-up). */
    @Column(name = "territory_id")
    public String territoryId;

    /** Where it goes (the subscription's channel when it was made). */
    @Enumerated(EnumType.STRING)
    public Channel channel;

    /** The plan of its node; null for a digest, which may span plans. */
    @Column(name = "plan_id")
    public String planId;

    /** For a MERGED delivery: the digest delivery that carries it. */
    @Column(name = "digest_id")
    public UUID digestId;

    /** The rendered body, exactly as it is sent (signatures of the chat robots are added per attempt). */
    public String payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Version
    public long version;

    public DeliveryProgress progress() {
        return new DeliveryProgress(status, attempts, roundAttempts, nextAttemptAt, deliveredAt);
    }

    public void progress(DeliveryProgress p) {
        status = p.status();
        attempts = p.attempts();
        roundAttempts = p.roundAttempts();
        nextAttemptAt = p.nextAttemptAt();
        deliveredAt = p.deliveredAt();
    }
}
