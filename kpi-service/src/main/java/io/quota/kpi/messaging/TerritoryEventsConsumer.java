package io.quota.kpi.messaging;

import io.quota.contracts.events.TerritoryChanged;
import io.quota.kpi.application.PlanReplicaService;
import io.quota.platform.inbox.Inbox;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** quota.territories.v1: the territory tree that roll-ups by subtree need. */
@ApplicationScoped
public class TerritoryEventsConsumer {
    @Inject
    Inbox inbox;
    @Inject
    PlanReplicaService replica;

    @Incoming("territories")
    @Blocking
    @Transactional
    public void onTerritoryChanged(ConsumerRecord<String, String> record) {
        TerritoryChanged event = IncomingEvents.read(record, TerritoryChanged.class);
        if (inbox.firstDelivery("kpi-territories", event.eventId())) {
            replica.territoryChanged(event);
        }
    }
}
