package io.quota.notification.api;

import io.quota.notification.domain.Channel;
import io.quota.notification.domain.DeliveryStatus;
import io.quota.notification.persistence.DeliveryAttemptEntity;
import io.quota.notification.persistence.DeliveryEntity;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of /api/deliveries. */
public final class DeliveryViews {

    /** nextAttemptAt only while the delivery is still to be (re)tried. */
    public record Delivery(String id, String subscriptionId, String sourceEventId, String eventType,
                           Channel channel, String plan, DeliveryStatus status, int attempts, Instant nextAttemptAt,
                           Integer lastStatusCode, String lastError, Instant deliveredAt, String digestId,
                           Instant createdAt) {
        static Delivery of(DeliveryEntity d) {
            return new Delivery(d.id.toString(), d.subscriptionId.toString(), d.sourceEventId.toString(), d.eventType,
                    d.channel, d.planId, d.status, d.attempts, d.status.isFinal() ? null : d.nextAttemptAt,
                    d.lastStatusCode, d.lastError, d.deliveredAt, d.digestId == null ? null : d.digestId.toString(),
                    d.createdAt);
        }
    }

    /** One delivery with its attempt log, oldest attempt first. */
    public record DeliveryDetail(String id, String subscriptionId, String sourceEventId, String eventType,
                                 Channel channel, String plan, DeliveryStatus status, int attempts,
                                 Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt,
                                 String digestId, Instant createdAt, List<Attempt> attemptLog) {
        static DeliveryDetail of(DeliveryEntity d, List<DeliveryAttemptEntity> attempts) {
            Delivery v = Delivery.of(d);
            return new DeliveryDetail(v.id(), v.subscriptionId(), v.sourceEventId(), v.eventType(), v.channel(),
                    v.plan(), v.status(), v.attempts(), v.nextAttemptAt(), v.lastStatusCode(), v.lastError(),
                    v.deliveredAt(), v.digestId(), v.createdAt(), attempts.stream().map(Attempt::of).toList());
        }
    }

    /**
     * outcome: DELIVERED, HTTP_ERROR, REJECTED (a chat robot's error code), TIMEOUT, CONNECTION_ERROR or REFUSED
     * (address refused at delivery time).
     */
    public record Attempt(int attemptNo, Instant at, String outcome, Integer statusCode, String error,
                          long durationMs) {
        static Attempt of(DeliveryAttemptEntity a) {
            return new Attempt(a.attemptNo, a.attemptedAt, a.outcome, a.statusCode, a.error, a.durationMs);
        }
    }

    private DeliveryViews() {
    }
}
