package io.quota.kpi.messaging;

import io.quota.contracts.events.TargetAllocated;
import io.quota.kpi.application.PlanReplicaService;
import io.quota.platform.inbox.Inbox;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** quota.targets.v1: one TargetAllocated per cell of a published version. */
@ApplicationScoped
public class TargetEventsConsumer {
    @Inject
    Inbox inbox;
    @Inject
    PlanReplicaService replica;

    @Incoming("targets")
    @Blocking
    @Transactional
    public void onTargetAllocated(ConsumerRecord<String, String> record) {
        TargetAllocated event = IncomingEvents.read(record, TargetAllocated.class);
        if (inbox.firstDelivery("kpi-targets", event.eventId())) {
            replica.cellAllocated(event);
        }
    }
}
