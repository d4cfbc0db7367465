package io.quota.notification.messaging;

import io.quota.contracts.events.TerritoryChanged;
import io.quota.notification.application.TerritoryReplica;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * quota.territories.v1 into the territory replica that scoping walks. A record that is not a valid TerritoryChanged
 * goes to quota.territories.v1.dlq with its reason; the stream goes on.
 */
@ApplicationScoped
public class TerritoryConsumer {
    @Inject
    TerritoryReplica replica;

    @Incoming("territories")
    @Blocking
    @Transactional
    public void onTerritoryChanged(ConsumerRecord<String, String> record) {
        replica.apply(IncomingEvents.read(record, TerritoryChanged.class));
    }
}
