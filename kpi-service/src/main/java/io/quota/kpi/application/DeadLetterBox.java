package io.quota.kpi.application;

import java.util.List;

/** The service's dead-letter topics, as re-drive sees them (implemented in messaging). */
public interface DeadLetterBox {
    /** Where a letter first landed: a letter re-driven and refused again keeps its first place. */
    record Origin(String dlqTopic, int partition, long offset) {
    }

    /** One letter: its origin, the topic it came from, and the record itself (opaque here). */
    record Letter(Origin origin, String topic, Object record) {
    }

    /** Every letter the .dlq topic holds now. */
    List<Letter> letters(String dlqTopic);

    /** Publishes each letter back to its topic (same key, value and headers, without the dead-letter ones). */
    void redrive(List<Letter> letters);
}
