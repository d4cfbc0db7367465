package io.quota.notification.messaging;

import io.quota.notification.application.NotificationIntake;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * quota.drift.v1 (DriftDetected, DriftResolved) -> deliveries. A record that cannot be read goes to
 * quota.drift.v1.dlq with its reason; the offset is committed only after the deliveries are stored.
 */
@ApplicationScoped
public class DriftConsumer {
    @Inject
    NotificationIntake intake;

    @Incoming("drift")
    @Blocking
    @Transactional
    public void onDrift(ConsumerRecord<String, String> record) {
        intake.acceptDrift(IncomingEvents.readAny(record), record.value());
    }
}
