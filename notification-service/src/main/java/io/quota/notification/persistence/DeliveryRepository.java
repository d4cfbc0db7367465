package io.quota.notification.persistence;

import io.quota.notification.domain.AttemptResult;
import io.quota.notification.domain.Channel;
import io.quota.notification.domain.DeliveryProgress;
import io.quota.notification.domain.DeliveryStatus;
import io.quota.notification.domain.Reader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class DeliveryRepository {
    @Inject
    EntityManager em;

    /**
     * A delivery to store: one (event, subscription), or a digest carrying several. {@code occurredAt}: when its
     * event happened (a digest: its first member's), the start of its event-to-delivery latency. {@code traceparent}:
     * the trace its event was taken in (a digest: its first member's), null when unknown. {@code claim}: set
     * when it is stored already claimed (IN_FLIGHT) for this instance's dispatchers, null when stored due.
     */
    public record NewDelivery(UUID id, UUID subscriptionId, UUID sourceEventId, String eventType, Channel channel,
                              String planId, String territoryId, String eventJson, Integer milestone, String payload,
                              DeliveryStatus status, Instant dueAt, UUID digestId, Instant occurredAt,
                              String traceparent, Claim claim) {
        public NewDelivery {
            if ((claim != null) != (status == DeliveryStatus.IN_FLIGHT)) {
                throw new IllegalArgumentException("a delivery is stored IN_FLIGHT exactly when it is claimed");
            }
        }
    }

    /** A claim made when storing: its token and until when its lease holds. */
    public record Claim(UUID token, Instant until) {
    }

    /** Adds a delivery unless this event already has one for this subscription; true when added. */
    public boolean addIfAbsent(NewDelivery d, Instant now) {
        return !addAllIfAbsent(List.of(d), now).isEmpty();
    }

    /**
     * Adds the deliveries in one statement, except those whose event already has one for their subscription and
     * those whose subscription is gone (it was ended meanwhile: its key is locked against that until this
     * transaction ends, so no delivery outlives it). Returns the ids added.
     */
    public Set<UUID> addAllIfAbsent(List<NewDelivery> deliveries, Instant now) {
        if (deliveries.isEmpty()) {
            return Set.of();
        }
        String sql = """
                insert into delivery (id, subscription_id, source_event_id, event_type, channel, plan_id, territory_id,
                                      event_json, milestone, payload, status, next_attempt_at, digest_id, created_at,
                                      event_occurred_at, traceparent, claim_token, claimed_until)
                select v.* from %s as v(id, subscription_id, source_event_id, event_type, channel, plan_id,
                                        territory_id, event_json, milestone, payload, status, next_attempt_at,
                                        digest_id, created_at, event_occurred_at, traceparent, claim_token,
                                        claimed_until)
                join subscription s on s.id = v.subscription_id
                for key share of s
                on conflict (source_event_id, subscription_id) do nothing
                returning id""".formatted(Unnest.of("uuid", "uuid", "uuid", "varchar", "varchar", "varchar",
                "varchar", "text", "smallint", "text", "varchar", "timestamptz", "uuid", "timestamptz", "timestamptz",
                "varchar", "uuid", "timestamptz"));
        List<Object[]> rows = deliveries.stream().map(d -> new Object[]{d.id(), d.subscriptionId(), d.sourceEventId(),
                d.eventType(), d.channel().name(), d.planId(), d.territoryId(), d.eventJson(), d.milestone(),
                d.payload(), d.status().name(), d.dueAt(), d.digestId(), now, d.occurredAt(), d.traceparent(),
                d.claim() == null ? null : d.claim().token(), d.claim() == null ? null : d.claim().until()}).toList();
        @SuppressWarnings("unchecked")
        List<UUID> added = Unnest.bind(em.createNativeQuery(sql, UUID.class), rows, 18).getResultList();
        return new HashSet<>(added);
    }

    /**
     * Claims up to {@code limit} due deliveries for this dispatcher, in one statement: PENDING ones whose time has
     * come and IN_FLIGHT ones whose lease ran out (their dispatcher died). Rows other dispatchers are claiming are
     * skipped, not waited for, so any number of them share the work.
     */
    public List<ClaimedDelivery> claimDue(Instant now, Instant leaseUntil, int limit) {
        UUID token = UUID.randomUUID();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        with due as (
                            select id from delivery
                            where (status = 'PENDING' and next_attempt_at <= ?1)
                               or (status = 'IN_FLIGHT' and claimed_until <= ?1)
                            order by next_attempt_at
                            limit ?2
                            for update skip locked)
                        update delivery d set status = 'IN_FLIGHT', claimed_until = ?3, claim_token = ?4,
                                              version = d.version + 1
                        from due, subscription s
                        where d.id = due.id and s.id = d.subscription_id
                        returning d.id, d.subscription_id, d.source_event_id, coalesce(d.channel, s.channel), d.payload,
                                  s.address, s.secret, d.attempts, d.round_attempts, d.next_attempt_at, d.delivered_at,
                                  d.event_type, d.event_occurred_at, d.traceparent""")
                .setParameter(1, now).setParameter(2, limit).setParameter(3, leaseUntil).setParameter(4, token)
                .getResultList();
        return rows.stream().map(r -> new ClaimedDelivery((UUID) r[0], (UUID) r[1], (UUID) r[2],
                Channel.valueOf((String) r[3]), (String) r[4], (String) r[5], (String) r[6], token,
                new DeliveryProgress(DeliveryStatus.IN_FLIGHT, ((Number) r[7]).intValue(), ((Number) r[8]).intValue(),
                        instant(r[9]), instant(r[10])), (String) r[11], instant(r[12]), (String) r[13])).toList();
    }

    /** What one attempt of a claimed delivery led to. */
    public record Recorded(ClaimedDelivery claim, DeliveryProgress next, Instant attemptedAt, AttemptResult result) {
    }

    /**
     * Stores the attempts and where each delivery stands now, in two statements; only for deliveries
     * still claimed with the same token (a claim whose lease ran out may have been taken over, and a deleted
     * subscription takes its deliveries with it). Returns the ids recorded.
     */
    public Set<UUID> record(List<Recorded> outcomes) {
        if (outcomes.isEmpty()) {
            return Set.of();
        }
        String sql = """
                update delivery d set status = v.status, attempts = v.attempts, round_attempts = v.round_attempts,
                    next_attempt_at = v.next_attempt_at, delivered_at = v.delivered_at,
                    last_status_code = v.last_status_code, last_error = v.last_error,
                    claim_token = null, claimed_until = null, version = d.version + 1
                from %s as v(id, token, status, attempts, round_attempts, next_attempt_at, delivered_at,
                             last_status_code, last_error)
                where d.id = v.id and d.status = 'IN_FLIGHT' and d.claim_token = v.token
                returning d.id""".formatted(Unnest.of("uuid", "uuid", "varchar", "int", "int", "timestamptz",
                "timestamptz", "int", "varchar"));
        List<Object[]> rows = outcomes.stream().map(o -> new Object[]{o.claim().deliveryId(), o.claim().claimToken(),
                o.next().status().name(), o.next().attempts(), o.next().roundAttempts(), o.next().nextAttemptAt(),
                o.next().deliveredAt(), o.result().statusCode(), o.result().error()}).toList();
        @SuppressWarnings("unchecked")
        Set<UUID> recorded = new HashSet<>(Unnest.bind(em.createNativeQuery(sql, UUID.class), rows, 9).getResultList());
        List<Object[]> attempts = outcomes.stream().filter(o -> recorded.contains(o.claim().deliveryId()))
                .map(o -> new Object[]{o.claim().deliveryId(), o.next().attempts(), o.attemptedAt(),
                        o.result().outcome().name(), o.result().statusCode(), o.result().error(),
                        o.result().duration().toMillis()}).toList();
        if (!attempts.isEmpty()) {
            Unnest.bind(em.createNativeQuery("""
                    insert into delivery_attempt (delivery_id, attempt_no, attempted_at, outcome, status_code, error,
                                                  duration_ms)
                    select * from %s""".formatted(Unnest.of("uuid", "int", "timestamptz", "varchar", "int", "varchar",
                    "bigint"))), attempts, 7).executeUpdate();
        }
        return recorded;
    }

    /** A member of a digest: what is needed to render it again. */
    public record Member(UUID id, UUID sourceEventId, String eventType, String eventJson, Integer milestone) {
    }

    /** The digest's members, oldest first. */
    public List<Member> members(UUID digestId) {
        return members(List.of(digestId)).getOrDefault(digestId, List.of());
    }

    /** The members of each of the digests, oldest first, in one round trip. */
    public Map<UUID, List<Member>> members(Collection<UUID> digestIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select digest_id, id, source_event_id, event_type, event_json, milestone from delivery
                        where digest_id = any(cast(?1 as uuid[])) order by created_at, id""")
                .setParameter(1, digestIds.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
        Map<UUID, List<Member>> members = new HashMap<>();
        for (Object[] r : rows) {
            members.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new Member((UUID) r[1], (UUID) r[2],
                    (String) r[3], (String) r[4], r[5] == null ? null : ((Number) r[5]).intValue()));
        }
        return members;
    }

    /** Whether the digest still waits (PENDING), locked so no dispatcher claims it while a member joins. */
    public boolean lockWaitingDigest(UUID digestId) {
        @SuppressWarnings("unchecked")
        List<String> status = em.createNativeQuery("select status from delivery where id = ?1 for update", String.class)
                .setParameter(1, digestId).getResultList();
        return !status.isEmpty() && DeliveryStatus.PENDING.name().equals(status.get(0));
    }

    /**
     * A digest rendered again after a member joined. It lies in its members' territory while they share one; once
     * they span several it names none (a roll-up: only unrestricted readers list it), so it never shows a reader
     * a node outside their scope.
     */
    public void digestRendered(UUID digestId, String payload, String memberTerritory) {
        em.createNativeQuery("""
                        update delivery set payload = ?2, version = version + 1,
                            territory_id = case when territory_id = cast(?3 as varchar) then territory_id end
                        where id = ?1""")
                .setParameter(1, digestId).setParameter(2, payload).setParameter(3, memberTerritory).executeUpdate();
    }

    /** A subscription's throttle window: when it opened (null: never) and its waiting digest (null: none). */
    public record Window(Instant openedAt, UUID digestId) {
    }

    /** The subscription's window, locked: one event at a time decides what it does to it. */
    public Window lockWindow(UUID subscriptionId) {
        em.createNativeQuery("insert into subscription_window (subscription_id) values (?1) on conflict do nothing")
                .setParameter(1, subscriptionId).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery(
                        "select opened_at, digest_id from subscription_window where subscription_id = ?1 for update")
                .setParameter(1, subscriptionId).getSingleResult();
        return new Window(instant(row[0]), (UUID) row[1]);
    }

    public void openWindow(UUID subscriptionId, Instant at) {
        em.createNativeQuery("update subscription_window set opened_at = ?2, digest_id = null where subscription_id = ?1")
                .setParameter(1, subscriptionId).setParameter(2, at).executeUpdate();
    }

    public void windowDigest(UUID subscriptionId, UUID digestId) {
        em.createNativeQuery("update subscription_window set digest_id = ?2 where subscription_id = ?1")
                .setParameter(1, subscriptionId).setParameter(2, digestId).executeUpdate();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    public Optional<DeliveryEntity> find(UUID id) {
        return Optional.ofNullable(em.find(DeliveryEntity.class, id));
    }

    /** The delivery, locked against a concurrent redelivery or a second outcome. */
    public Optional<DeliveryEntity> lock(UUID id) {
        return Optional.ofNullable(em.find(DeliveryEntity.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public List<DeliveryAttemptEntity> attempts(UUID deliveryId) {
        return em.createQuery("from DeliveryAttemptEntity a where a.deliveryId = :delivery order by a.attemptNo",
                DeliveryAttemptEntity.class).setParameter("delivery", deliveryId).getResultList();
    }

    /** Narrows a listing; null parts do not narrow. from/to bound createdAt (from inclusive, to exclusive). */
    public record DeliveryQuery(DeliveryStatus status, Channel channel, UUID subscriptionId, String planId,
                                Instant from, Instant to) {
        public static final DeliveryQuery ALL = new DeliveryQuery(null, null, null, null, null, null);
    }

    /** Whether the reader may see this delivery (see {@link Reader}). */
    public boolean visible(UUID id, Reader reader) {
        if (reader.unrestricted()) {
            return find(id).isPresent();
        }
        Query q = em.createNativeQuery(sql(reader, "select count(*)", DeliveryQuery.ALL, true), Long.class);
        bind(q, reader, DeliveryQuery.ALL).setParameter("id", id);
        return ((Number) q.getSingleResult()).longValue() == 1;
    }

    /** Newest first of what the reader may see and the query asks for. */
    @SuppressWarnings("unchecked")
    public List<DeliveryEntity> page(Reader reader, DeliveryQuery query, int page, int size) {
        Query q = em.createNativeQuery(sql(reader, "select d.*", query, false)
                + " order by d.created_at desc, d.id limit :size offset :offset", DeliveryEntity.class);
        bind(q, reader, query).setParameter("size", size).setParameter("offset", (long) page * size);
        return q.getResultList();
    }

    public long count(Reader reader, DeliveryQuery query) {
        Query q = em.createNativeQuery(sql(reader, "select count(*)", query, false), Long.class);
        return ((Number) bind(q, reader, query).getSingleResult()).longValue();
    }

    /**
     * The deliveries a reader sees: of its own subscriptions when it is a rep, and about nodes inside its territory
     * subtrees (as the replica knows them today) when it has a scope; a node without a territory is a roll-up
     * across territories (and a digest may span several), which only an unrestricted reader sees.
     */
    private static String sql(Reader reader, String select, DeliveryQuery query, boolean one) {
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
        if (query.status() != null) {
            sql.append(" and d.status = :status");
        }
        if (query.channel() != null) {
            sql.append(" and d.channel = :channel");
        }
        if (query.subscriptionId() != null) {
            sql.append(" and d.subscription_id = :subscription");
        }
        if (query.planId() != null) {
            sql.append(" and d.plan_id = :plan");
        }
        if (query.from() != null) {
            sql.append(" and d.created_at >= :from");
        }
        if (query.to() != null) {
            sql.append(" and d.created_at < :to");
        }
        if (!reader.territories().unrestricted()) {
            sql.append(" and d.territory_id in (select territory_id from visible)");
        }
        return sql.toString();
    }

    private static Query bind(Query q, Reader reader, DeliveryQuery query) {
        if (!reader.territories().unrestricted()) {
            q.setParameter("roots", reader.territories().roots().toArray(new String[0]));
        }
        if (reader.owner() != null) {
            q.setParameter("owner", reader.owner());
        }
        if (query.status() != null) {
            q.setParameter("status", query.status().name());
        }
        if (query.channel() != null) {
            q.setParameter("channel", query.channel().name());
        }
        if (query.subscriptionId() != null) {
            q.setParameter("subscription", query.subscriptionId());
        }
        if (query.planId() != null) {
            q.setParameter("plan", query.planId());
        }
        if (query.from() != null) {
            q.setParameter("from", query.from());
        }
        if (query.to() != null) {
            q.setParameter("to", query.to());
        }
        return q;
    }
}
