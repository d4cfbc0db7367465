package io.quota.notification.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The platform's idempotent inbox for a whole batch in one statement (the platform's Inbox takes one id per round
 * trip): records every id in the caller's transaction and answers those seen for the first time.
 */
@ApplicationScoped
public class InboxBatch {
    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        @SuppressWarnings("unchecked")
        List<UUID> inserted = em.createNativeQuery("""
                        insert into inbox (consumer, event_id)
                        select ?1, id from unnest(cast(?2 as uuid[])) as id
                        on conflict do nothing
                        returning event_id""", UUID.class)
                .setParameter(1, consumer)
                .setParameter(2, eventIds.stream().map(UUID::toString).toArray(String[]::new))
                .getResultList();
        return new HashSet<>(inserted);
    }
}
