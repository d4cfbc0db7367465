package io.quota.target.messaging;

import io.quota.contracts.events.TerritoryChanged;
import io.quota.platform.messaging.IncomingEvents;
import io.quota.target.application.TerritoryReplicaService;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * quota.territories.v1 into the local replica. A record that is not a valid TerritoryChanged throws, and the
 * channel's failure strategy sends it to quota.territories.v1.dlq with the reason; the stream goes on.
 */
@ApplicationScoped
public class TerritoryConsumer {
    @Inject
    TerritoryReplicaService replica;

    @Incoming("territories")
    @Blocking
    @Transactional
    public void onTerritoryChanged(ConsumerRecord<String, String> record) {
        replica.apply(IncomingEvents.read(record, TerritoryChanged.class));
    }
}
