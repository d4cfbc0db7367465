package io.quota.territory.application;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

public record AuditEntryView(long id, String entityType, String entityId, String action, String actor, Instant at,
                             JsonNode details) {
}
