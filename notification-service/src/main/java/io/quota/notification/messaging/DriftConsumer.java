package io.quota.notification.messaging;

import io.quota.notification.application.NotificationIntake;
import io.quota.platform.messaging.IncomingEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * quota.drift.v1 (DriftDetected, DriftResolved) -> deliveries. A record that cannot be read goes to
 * quota.drift.v1.dlq with its reason; the offset is committed only after the deliveries are stored (the throttled
 * commit strategy commits an offset once every record before it is done, so records handled side by side lose
 * nothing).
 * <p>
 * Records are handled by up to smallrye.messaging.worker.drift-intake.max-concurrency workers side by side: each
 * event's deliveries are independent (the inbox and the (event, subscription) key make repeats harmless, and a
 * subscription's throttle window is locked while one event decides on it), and order across deliveries is not
 * promised anyway.
 */
@ApplicationScoped
public class DriftConsumer {
    @Inject
    NotificationIntake intake;

    @Incoming("drift")
    @Blocking(value = "drift-intake", ordered = false)
    @Transactional
    public void onDrift(ConsumerRecord<String, String> record) {
        intake.acceptDrift(IncomingEvents.readAny(record), record.value());
    }
}
