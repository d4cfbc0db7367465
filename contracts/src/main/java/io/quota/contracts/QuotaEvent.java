package io.quota.contracts;

import java.time.Instant;
import java.util.UUID;

/** Every event payload carries these; eventId is the idempotency key. */
public interface QuotaEvent {
    UUID eventId();

    Instant occurredAt();

    int schemaVersion();

    /** Kafka record key: DESIGN.md section 3, column "key". */
    String key();

    /** The event's topic. */
    String topic();

    /** CloudEvents type, e.g. quota.TargetAllocated.v1. */
    default String ceType() {
        return "quota." + getClass().getSimpleName() + ".v" + schemaVersion();
    }

    /** CloudEvents subject: what the event is about. */
    default String ceSubject() {
        return key();
    }
}
