package io.quota.kpi.messaging;

import io.quota.contracts.InvalidEventException;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.PlanWithdrawn;
import io.quota.kpi.application.PlanReplicaService;
import io.quota.platform.inbox.Inbox;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** quota.plans.v1: PlanPublished and PlanWithdrawn keep the plan version replica. */
@ApplicationScoped
public class PlanEventsConsumer {
    @Inject
    Inbox inbox;
    @Inject
    PlanReplicaService replica;

    @Incoming("plans")
    @Blocking
    @Transactional
    public void onPlanEvent(ConsumerRecord<String, String> record) {
        QuotaEvent event = IncomingEvents.readAny(record);
        if (!(event instanceof PlanPublished) && !(event instanceof PlanWithdrawn)) {
            throw new InvalidEventException(event.getClass().getSimpleName() + " does not belong on quota.plans.v1");
        }
        if (!inbox.firstDelivery("kpi-plans", event.eventId())) {
            return;
        }
        if (event instanceof PlanPublished published) {
            replica.published(published);
        } else {
            replica.withdrawn((PlanWithdrawn) event);
        }
    }
}
