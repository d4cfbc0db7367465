package io.quota.contracts.events;

import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.TaskType;
import io.quota.contracts.Topics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A plan version was approved; its cellCount TargetAllocated events follow on quota.targets.v1. */
public record PlanPublished(UUID eventId, Instant occurredAt, int schemaVersion, String planId, int version,
                            String name, TaskType taskType, Metric metric, String unit, LocalDate periodStart,
                            LocalDate periodEnd, String timeZone, WorkCalendar calendar, DriftPolicy driftPolicy,
                            int cellCount, BigDecimal total) implements QuotaEvent {
    @Override
    public String key() {
        return planId;
    }

    @Override
    public String topic() {
        return Topics.PLANS;
    }
}
