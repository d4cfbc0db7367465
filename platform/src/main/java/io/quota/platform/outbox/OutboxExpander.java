package io.quota.platform.outbox;

import io.quota.contracts.QuotaEvent;

import java.util.function.Consumer;

/**
 * Expands one outbox row into many events, so a transaction that creates a million facts (an approved plan
 * version and its cells) writes one row instead of a million (DESIGN.md section 5). The relay calls
 * {@link #expand} inside its own transaction and deletes the row only after Kafka acknowledged every event;
 * after a crash the row expands again, so each event's id must be derived deterministically.
 */
public interface OutboxExpander {
    /** The name {@link Outbox#publishExpansion} stores in the row. */
    String name();

    /** Streams the row's events, in order, to {@code publish}; memory should not grow with their number. */
    void expand(String payload, Consumer<QuotaEvent> publish);
}
