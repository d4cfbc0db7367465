package io.quota.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

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

    public void remove(SubscriptionEntity subscription) {
        em.remove(subscription);
    }

    /** Every subscription; their filters are the domain's to apply (a handful to a few thousand rows). */
    public List<SubscriptionEntity> all() {
        return em.createQuery("from SubscriptionEntity order by createdAt, id", SubscriptionEntity.class).getResultList();
    }

    public List<SubscriptionEntity> page(int page, int size) {
        return em.createQuery("from SubscriptionEntity order by createdAt desc, id", SubscriptionEntity.class)
                .setFirstResult(page * size).setMaxResults(size).getResultList();
    }

    public long count() {
        return em.createQuery("select count(s) from SubscriptionEntity s", Long.class).getSingleResult();
    }
}
