package io.quota.target.domain;

import java.time.Instant;

/** One change in a plan's audit trail: who did what, when. */
public record AuditEntry(Instant at, String actor, String action, String planId, Integer version, String detail) {
}
