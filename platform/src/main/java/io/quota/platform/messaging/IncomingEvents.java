package io.quota.platform.messaging;

import io.quota.contracts.EventJson;
import io.quota.contracts.EventSchemas;
import io.quota.contracts.InvalidEventException;
import io.quota.contracts.QuotaEvent;
import io.quota.platform.metrics.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;

/**
 * Turns a Kafka record into a validated event. Anything that fails throws {@link InvalidEventException}; with
 * the channel's failure-strategy=dead-letter-queue the record then goes to the topic's .dlq with the reason
 * in its dead-letter-reason header, and the stream goes on.
 */
public final class IncomingEvents {

    /** Reads a record of a single-type topic (e.g. quota.actuals.v1, whose upstream producers may omit headers). */
    public static <T extends QuotaEvent> T read(ConsumerRecord<String, String> record, Class<T> type) {
        try {
            String ceType = header(record, "ce_type");
            if (ceType != null && EventSchemas.byCeType(ceType).filter(type::equals).isEmpty()) {
                throw new InvalidEventException("ce_type " + ceType + " is not " + type.getSimpleName());
            }
            return EventJson.read(requirePayload(record), type);
        } catch (InvalidEventException e) {
            DeadLetters.count(record.topic(), "invalid-event");
            throw e;
        }
    }

    /** Reads a record of a topic that carries several event types, told apart by the CloudEvents type header. */
    public static QuotaEvent readAny(ConsumerRecord<String, String> record) {
        try {
            String ceType = header(record, "ce_type");
            Class<? extends QuotaEvent> type = EventSchemas.byCeType(ceType)
                    .orElseThrow(() -> new InvalidEventException("unknown or missing ce_type header: " + ceType));
            return EventJson.read(requirePayload(record), type);
        } catch (InvalidEventException e) {
            DeadLetters.count(record.topic(), "invalid-event");
            throw e;
        }
    }

    private static String requirePayload(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().isBlank()) {
            throw new InvalidEventException("empty payload");
        }
        return record.value();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private IncomingEvents() {
    }
}
