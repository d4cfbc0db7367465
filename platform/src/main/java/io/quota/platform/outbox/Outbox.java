package io.quota.platform.outbox;

import io.quota.contracts.EventJson;
import io.quota.contracts.EventIds;
import io.quota.contracts.QuotaEvent;
import io.quota.platform.tracing.Traces;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.util.Collection;

/**
 * Records events to publish in the caller's transaction, so an event exists if and only if its state change
 * committed. The {@link OutboxRelay} publishes them afterwards. A repeated event id is stored once. Each row keeps
 * the W3C traceparent of the span that wrote it; the relay sends it on as the record's traceparent header.
 */
@ApplicationScoped
public class Outbox {
    @Inject
    EntityManager em;

    @Inject
    OutboxRelay relay;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(QuotaEvent event) {
        em.createNativeQuery("""
                        insert into outbox (event_id, topic, record_key, ce_type, ce_subject, payload, traceparent)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict (event_id) do nothing""")
                .setParameter(1, event.eventId())
                .setParameter(2, event.topic())
                .setParameter(3, event.key())
                .setParameter(4, event.ceType())
                .setParameter(5, event.ceSubject())
                .setParameter(6, EventJson.write(event))
                .setParameter(7, Traces.currentTraceparent())
                .executeUpdate();
        wakeRelayAfterCommit();
    }

    /** The relay publishes as soon as the rows are visible, not at its next poll. */
    private void wakeRelayAfterCommit() {
        relay.wakeAfterCommit(transactions);
    }

    /**
     * Records one row that the named {@link OutboxExpander} expands into its events when the relay publishes it.
     * The row's id is derived from the expander and payload, so recording the same expansion twice stores it once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishExpansion(String expander, String recordKey, String payload) {
        em.createNativeQuery("""
                        insert into outbox (event_id, topic, record_key, ce_type, payload, traceparent)
                        values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (event_id) do nothing""")
                .setParameter(1, EventIds.derive("outbox-expansion", expander, payload))
                .setParameter(2, OutboxRelay.EXPANSION_PREFIX + expander)
                .setParameter(3, recordKey)
                .setParameter(4, "expansion")
                .setParameter(5, payload)
                .setParameter(6, Traces.currentTraceparent())
                .executeUpdate();
        wakeRelayAfterCommit();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(Collection<? extends QuotaEvent> events) {
        events.forEach(this::publish);
    }

    /** Rows not yet published; an operator's backlog figure. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long backlog() {
        return ((Number) em.createNativeQuery("select count(*) from outbox").getSingleResult()).longValue();
    }
}
