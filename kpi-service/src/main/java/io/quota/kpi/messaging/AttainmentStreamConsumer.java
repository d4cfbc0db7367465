package io.quota.kpi.messaging;

import io.quota.contracts.events.AttainmentChanged;
import io.quota.kpi.application.AttainmentStream;
import io.quota.platform.messaging.IncomingEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * quota.attainment.v1 to the browsers connected to this instance. A view only: its group is per instance and
 * starts at the end, and a record it cannot read is skipped (nothing is stored, nothing is lost).
 */
@ApplicationScoped
public class AttainmentStreamConsumer {
    private static final Logger LOG = Logger.getLogger(AttainmentStreamConsumer.class);

    @Inject
    AttainmentStream stream;

    @Incoming("attainment-stream")
    public void onAttainment(ConsumerRecord<String, String> record) {
        try {
            stream.publish(IncomingEvents.read(record, AttainmentChanged.class));
        } catch (RuntimeException e) {
            LOG.warnf("attainment stream skips an unreadable record at %s-%d@%d: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }
}
