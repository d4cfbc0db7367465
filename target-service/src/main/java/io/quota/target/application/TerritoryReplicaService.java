package io.quota.target.application;

import io.quota.contracts.events.TerritoryChanged;
import io.quota.platform.inbox.Inbox;
import io.quota.target.persistence.TerritoryReplica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Keeps the replica of the territory tree: each TerritoryChanged applied once, in the consumer's transaction. */
@ApplicationScoped
public class TerritoryReplicaService {
    static final String CONSUMER = "target-service.territories";

    @Inject
    Inbox inbox;
    @Inject
    TerritoryReplica replica;

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(TerritoryChanged event) {
        if (inbox.firstDelivery(CONSUMER, event.eventId())) {
            replica.upsert(event);
        }
    }
}
