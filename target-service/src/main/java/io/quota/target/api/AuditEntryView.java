package io.quota.target.api;

import java.time.Instant;

/** One line of a plan's audit trail. */
public record AuditEntryView(Instant at, String actor, String action, Integer version, String detail) {
}
