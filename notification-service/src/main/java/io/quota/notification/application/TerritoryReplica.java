package io.quota.notification.application;

import io.quota.contracts.events.TerritoryChanged;
import io.quota.notification.persistence.TerritoryRepository;
import io.quota.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Keeps the territory tree that territory scopes are walked in (who is whose parent). */
@ApplicationScoped
public class TerritoryReplica {
    static final String CONSUMER = "notification-service.territories";

    @Inject
    Inbox inbox;
    @Inject
    TerritoryRepository territories;

    @Transactional
    public void apply(TerritoryChanged event) {
        if (inbox.firstDelivery(CONSUMER, event.eventId())) {
            territories.upsert(event.territoryId(), event.parentId(), event.occurredAt());
        }
    }
}
