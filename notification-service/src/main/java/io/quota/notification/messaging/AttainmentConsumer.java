package io.quota.notification.messaging;

import io.quota.contracts.events.AttainmentChanged;
import io.quota.notification.application.NotificationIntake;
import io.quota.platform.messaging.IncomingEvents;
import io.quota.platform.tracing.Traces;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * quota.attainment.v1 (AttainmentChanged) -> milestone deliveries (目标达成: 50 %, 80 %, 100 %). A record that cannot
 * be read goes to quota.attainment.v1.dlq with its reason.
 */
@ApplicationScoped
public class AttainmentConsumer {
    @Inject
    NotificationIntake intake;
    @Inject
    Traces traces;

    @Incoming("attainment")
    @Blocking
    @Transactional
    public void onAttainment(ConsumerRecord<String, String> record) {
        // continues the trace of the record's traceparent header; a milestone's deliveries keep it
        try (Traces.TraceScope traced = traces.continueFrom(record)) {
            intake.acceptAttainment(IncomingEvents.read(record, AttainmentChanged.class), record.value(),
                    Traces.currentTraceparent());
        }
    }
}
