package io.quota.kpi.messaging;

import io.quota.contracts.events.ActualRecorded;
import io.quota.kpi.application.ActualsService;
import io.quota.platform.inbox.Inbox;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * quota.actuals.v1, the one ingestion log: every fact is counted once (inbox and effect in one transaction);
 * an invalid or refused one goes to quota.actuals.v1.dlq with its reason.
 */
@ApplicationScoped
public class ActualEventsConsumer {
    @Inject
    Inbox inbox;
    @Inject
    ActualsService actuals;

    @Incoming("actuals")
    @Blocking
    @Transactional
    public void onActualRecorded(ConsumerRecord<String, String> record) {
        ActualRecorded event = IncomingEvents.read(record, ActualRecorded.class);
        if (inbox.firstDelivery("kpi-actuals", event.eventId())) {
            actuals.count(event);
        }
    }
}
