package io.quota.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * The idempotent inbox: a consumer records each event id in the same transaction as the event's effect, so a
 * redelivered event (transport is at least once) finds its id and has no second effect.
 */
@ApplicationScoped
public class Inbox {
    @Inject
    EntityManager em;

    /** True the first time this consumer sees the event id; false for every repeat. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        return em.createNativeQuery("insert into inbox (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
    }
}
