package io.quota.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository {
    @Inject
    EntityManager em;

    public void add(SubscriptionEntity subscription) {
        em.persist(subscription);
    }

    public Optional<SubscriptionEntity> find(UUID id) {
        return Optional.ofNullable(em.find(SubscriptionEntity.class, id));
    }

    /** Locks the row against a concurrent update (If-Match is compared under it). */
    public void lock(SubscriptionEntity subscription) {
        em.lock(subscription, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        em.refresh(subscription);
    }

    public void remove(SubscriptionEntity subscription) {
        em.remove(subscription);
    }

    /** Every subscription; their filters are the domain's to apply (a handful to a few thousand rows). */
    public List<SubscriptionEntity> all() {
        return em.createQuery("from SubscriptionEntity order by createdAt, id", SubscriptionEntity.class).getResultList();
    }

    /** Moves with every change to any subscription (a trigger bumps it in the changing transaction). */
    public long revision() {
        return ((Number) em.createNativeQuery("select revision from subscription_revision where id = 1")
                .getSingleResult()).longValue();
    }

    /** Newest first; only the owner's when owner is given. */
    public List<SubscriptionEntity> page(String owner, int page, int size) {
        TypedQuery<SubscriptionEntity> q = em.createQuery("from SubscriptionEntity s" + ofOwner(owner)
                + " order by s.createdAt desc, s.id", SubscriptionEntity.class);
        if (owner != null) {
            q.setParameter("owner", owner);
        }
        return q.setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long count(String owner) {
        TypedQuery<Long> q = em.createQuery("select count(s) from SubscriptionEntity s" + ofOwner(owner), Long.class);
        if (owner != null) {
            q.setParameter("owner", owner);
        }
        return q.getSingleResult();
    }

    private static String ofOwner(String owner) {
        return owner == null ? "" : " where s.owner = :owner";
    }
}
