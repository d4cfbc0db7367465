package io.quota.notification.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quota.contracts.EventJson;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.NotificationDelivered;
import io.quota.platform.outbox.Outbox;
import io.quota.platform.outbox.OutboxExpander;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.function.Consumer;

/**
 * The NotificationDelivered events of one recorded batch of attempts travel as one outbox row (one insert per
 * batch instead of one per delivery); the relay expands it into the events, each with its own derived id, so
 * expanding again after a crash yields the same events, which consumers deduplicate.
 */
@ApplicationScoped
public class DeliveredExpander implements OutboxExpander {
    static final String NAME = "notification-service.delivered";
    private static final TypeReference<List<NotificationDelivered>> EVENTS = new TypeReference<>() {
    };

    /** Records the events in the caller's transaction. */
    static void publish(Outbox outbox, List<NotificationDelivered> events) {
        if (!events.isEmpty()) {
            outbox.publishExpansion(NAME, events.get(0).key(), EventJson.write(events));
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void expand(String payload, Consumer<QuotaEvent> publish) {
        try {
            EventJson.MAPPER.readValue(payload, EVENTS).forEach(publish);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable expansion payload", e);
        }
    }
}
