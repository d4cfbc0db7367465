package io.quota.notification.persistence;

import io.quota.notification.domain.AttemptResult;
import io.quota.notification.domain.DeliveryStatus;
import io.quota.notification.domain.Reader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository {
    @Inject
    EntityManager em;

    /** Adds a due delivery unless this event already has one for this subscription; true when added. */
    public boolean addIfAbsent(UUID id, UUID subscriptionId, UUID sourceEventId, String eventType, String territoryId,
                               String payload, Instant now) {
        return em.createNativeQuery("""
                        insert into delivery (id, subscription_id, source_event_id, event_type, territory_id, status,
                                              next_attempt_at, payload, created_at)
                        values (?1, ?2, ?3, ?4, ?7, 'PENDING', ?5, ?6, ?5)
                        on conflict (source_event_id, subscription_id) do nothing""")
                .setParameter(1, id).setParameter(2, subscriptionId).setParameter(3, sourceEventId)
                .setParameter(4, eventType).setParameter(5, now).setParameter(6, payload).setParameter(7, territoryId)
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

    /** Whether the reader may see this delivery (see {@link Reader}). */
    public boolean visible(UUID id, Reader reader) {
        if (reader.unrestricted()) {
            return find(id).isPresent();
        }
        Query q = em.createNativeQuery(sql(reader, "select count(*)", null, null, true), Long.class);
        bind(q, reader, null, null).setParameter("id", id);
        return ((Number) q.getSingleResult()).longValue() == 1;
    }

    /** Newest first of what the reader may see, optionally only one status and/or one subscription. */
    @SuppressWarnings("unchecked")
    public List<DeliveryEntity> page(Reader reader, DeliveryStatus status, UUID subscriptionId, int page, int size) {
        Query q = em.createNativeQuery(sql(reader, "select d.*", status, subscriptionId, false)
                + " order by d.created_at desc, d.id limit :size offset :offset", DeliveryEntity.class);
        bind(q, reader, status, subscriptionId).setParameter("size", size).setParameter("offset", (long) page * size);
        return q.getResultList();
    }

    public long count(Reader reader, DeliveryStatus status, UUID subscriptionId) {
        Query q = em.createNativeQuery(sql(reader, "select count(*)", status, subscriptionId, false), Long.class);
        return ((Number) bind(q, reader, status, subscriptionId).getSingleResult()).longValue();
    }

    /**
     * The deliveries a reader sees: of its own subscriptions when it is a rep, and about nodes inside its territory
     * subtrees (as the replica knows them today) when it has a scope; a node without a territory is a roll-up
     * across territories, which only an unrestricted reader sees.
     */
    private static String sql(Reader reader, String select, DeliveryStatus status, UUID subscriptionId, boolean one) {
        StringBuilder sql = new StringBuilder();
        if (!reader.territories().unrestricted()) {
            sql.append("""
                    with recursive visible(territory_id, depth) as (
                        select r, 0 from unnest(cast(:roots as text[])) as r
                        union all
                        select t.territory_id, v.depth + 1 from territory t join visible v on t.parent_id = v.territory_id
                        where v.depth < 64)
                    """);
        }
        sql.append(select).append(" from delivery d");
        if (reader.owner() != null) {
            sql.append(" join subscription s on s.id = d.subscription_id and s.owner = :owner");
        }
        sql.append(" where true");
        if (one) {
            sql.append(" and d.id = :id");
        }
        if (status != null) {
            sql.append(" and d.status = :status");
        }
        if (subscriptionId != null) {
            sql.append(" and d.subscription_id = :subscription");
        }
        if (!reader.territories().unrestricted()) {
            sql.append(" and d.territory_id in (select territory_id from visible)");
        }
        return sql.toString();
    }

    private static Query bind(Query q, Reader reader, DeliveryStatus status, UUID subscriptionId) {
        if (!reader.territories().unrestricted()) {
            q.setParameter("roots", reader.territories().roots().toArray(new String[0]));
        }
        if (reader.owner() != null) {
            q.setParameter("owner", reader.owner());
        }
        if (status != null) {
            q.setParameter("status", status.name());
        }
        if (subscriptionId != null) {
            q.setParameter("subscription", subscriptionId);
        }
        return q;
    }
}
