package io.quota.platform.outbox;

import io.quota.contracts.EventJson;
import io.quota.contracts.QuotaEvent;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Expands one outbox row into many events, so a transaction that creates a million facts (an approved plan
 * version and its cells) writes one row instead of a million (DESIGN.md section 5). The relay calls
 * {@link #expandSerialized} inside its own transaction and deletes the row only after Kafka acknowledged every
 * event; after a crash the row expands again, so each event's id must be derived deterministically.
 */
public interface OutboxExpander {
    /** The name {@link Outbox#publishExpansion} stores in the row. */
    String name();

    /** Streams the row's events, in order, to {@code publish}; memory should not grow with their number. */
    void expand(String payload, Consumer<QuotaEvent> publish);

    /** An event as the relay sends it: topic, key, CloudEvents attributes and the JSON payload. */
    record Serialized(String topic, String key, String eventId, String ceType, String ceSubject, String payload,
                      Instant occurredAt) {
        public static Serialized of(QuotaEvent e) {
            return new Serialized(e.topic(), e.key(), e.eventId().toString(), e.ceType(), e.ceSubject(),
                    EventJson.write(e), e.occurredAt());
        }
    }

    /**
     * The row's events already serialised, which is what the relay publishes. By default {@link #expand} written
     * with EventJson; an expander of very many events may build their JSON directly (it must be the same JSON).
     */
    default void expandSerialized(String payload, Consumer<Serialized> publish) {
        expand(payload, e -> publish.accept(Serialized.of(e)));
    }
}
