package io.quota.notification.persistence;

import io.quota.notification.domain.AttemptResult;
import io.quota.notification.domain.DeliveryStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository {
    @Inject
    EntityManager em;

    /** Adds a due delivery unless this event already has one for this subscription; true when added. */
    public boolean addIfAbsent(UUID id, UUID subscriptionId, UUID sourceEventId, String eventType, String payload,
                               Instant now) {
        return em.createNativeQuery("""
                        insert into delivery (id, subscription_id, source_event_id, event_type, status, next_attempt_at,
                                              payload, created_at)
                        values (?1, ?2, ?3, ?4, 'PENDING', ?5, ?6, ?5)
                        on conflict (source_event_id, subscription_id) do nothing""")
                .setParameter(1, id).setParameter(2, subscriptionId).setParameter(3, sourceEventId)
                .setParameter(4, eventType).setParameter(5, now).setParameter(6, payload)
                .executeUpdate() == 1;
    }

    /**
     * Claims up to {@code limit} due deliveries for this dispatcher: PENDING ones whose time has come and IN_FLIGHT
     * ones whose lease ran out (their dispatcher died). Rows other instances are claiming are skipped, not waited for.
     */
    public List<ClaimedDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select id from delivery
                        where (status = 'PENDING' and next_attempt_at <= ?1)
                           or (status = 'IN_FLIGHT' and claimed_until <= ?1)
                        order by next_attempt_at
                        limit ?2
                        for update skip locked""", UUID.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        UUID token = UUID.randomUUID();
        em.createNativeQuery("""
                        update delivery set status = 'IN_FLIGHT', claimed_until = ?1, claim_token = ?2, version = version + 1
                        where id = any(?3)""")
                .setParameter(1, leaseUntil).setParameter(2, token).setParameter(3, ids.toArray(new UUID[0]))
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select d.id, d.subscription_id, d.source_event_id, d.payload, s.address, s.secret
                        from delivery d join subscription s on s.id = d.subscription_id
                        where d.claim_token = ?1
                        order by d.next_attempt_at""")
                .setParameter(1, token).getResultList();
        return rows.stream().map(r -> new ClaimedDelivery((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3],
                (String) r[4], (String) r[5], token)).toList();
    }

    public Optional<DeliveryEntity> find(UUID id) {
        return Optional.ofNullable(em.find(DeliveryEntity.class, id));
    }

    /** The delivery, locked against a concurrent redelivery or a second outcome. */
    public Optional<DeliveryEntity> lock(UUID id) {
        return Optional.ofNullable(em.find(DeliveryEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void addAttempt(UUID deliveryId, int attemptNo, Instant at, AttemptResult result) {
        DeliveryAttemptEntity attempt = new DeliveryAttemptEntity();
        attempt.deliveryId = deliveryId;
        attempt.attemptNo = attemptNo;
        attempt.attemptedAt = at;
        attempt.outcome = result.outcome().name();
        attempt.statusCode = result.statusCode();
        attempt.error = result.error();
        attempt.durationMs = result.duration().toMillis();
        em.persist(attempt);
    }

    public List<DeliveryAttemptEntity> attempts(UUID deliveryId) {
        return em.createQuery("from DeliveryAttemptEntity a where a.deliveryId = :delivery order by a.attemptNo",
                DeliveryAttemptEntity.class).setParameter("delivery", deliveryId).getResultList();
    }

    /** Newest first, optionally only one status and/or one subscription. */
    public List<DeliveryEntity> page(DeliveryStatus status, UUID subscriptionId, int page, int size) {
        TypedQuery<DeliveryEntity> q = em.createQuery("from DeliveryEntity d" + where(status, subscriptionId)
                + " order by d.createdAt desc, d.id", DeliveryEntity.class);
        bind(q, status, subscriptionId);
        return q.setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long count(DeliveryStatus status, UUID subscriptionId) {
        TypedQuery<Long> q = em.createQuery("select count(d) from DeliveryEntity d" + where(status, subscriptionId),
                Long.class);
        bind(q, status, subscriptionId);
        return q.getSingleResult();
    }

    private static String where(DeliveryStatus status, UUID subscriptionId) {
        if (status == null && subscriptionId == null) {
            return "";
        }
        if (subscriptionId == null) {
            return " where d.status = :status";
        }
        return status == null ? " where d.subscriptionId = :subscription"
                : " where d.status = :status and d.subscriptionId = :subscription";
    }

    private static void bind(TypedQuery<?> q, DeliveryStatus status, UUID subscriptionId) {
        if (status != null) {
            q.setParameter("status", status);
        }
        if (subscriptionId != null) {
            q.setParameter("subscription", subscriptionId);
        }
    }
}
