package io.quota.notification.messaging;

import io.quota.notification.application.PlanReplica;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** quota.plans.v1 (PlanPublished, PlanWithdrawn) into the plan replica that filters are checked against. */
@ApplicationScoped
public class PlanConsumer {
    @Inject
    PlanReplica replica;

    @Incoming("plans")
    @Blocking
    @Transactional
    public void onPlan(ConsumerRecord<String, String> record) {
        replica.apply(IncomingEvents.readAny(record));
    }
}
