package io.quota.kpi.messaging;

import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.RepAssignmentChanged;
import io.quota.kpi.application.AssignmentService;
import io.quota.platform.inbox.Inbox;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** quota.assignments.v1 and quota.rep-assignments.v1: who held which account and territory when. */
@ApplicationScoped
public class AssignmentEventsConsumer {
    @Inject
    Inbox inbox;
    @Inject
    AssignmentService assignments;

    @Incoming("assignments")
    @Blocking
    @Transactional
    public void onAccountAssignment(ConsumerRecord<String, String> record) {
        AccountAssignmentChanged event = IncomingEvents.read(record, AccountAssignmentChanged.class);
        if (inbox.firstDelivery("kpi-assignments", event.eventId())) {
            assignments.accountChanged(event);
        }
    }

    @Incoming("rep-assignments")
    @Blocking
    @Transactional
    public void onRepAssignment(ConsumerRecord<String, String> record) {
        RepAssignmentChanged event = IncomingEvents.read(record, RepAssignmentChanged.class);
        if (inbox.firstDelivery("kpi-rep-assignments", event.eventId())) {
            assignments.repChanged(event);
        }
    }
}
