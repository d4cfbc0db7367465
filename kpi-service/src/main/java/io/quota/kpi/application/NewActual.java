package io.quota.kpi.application;

import io.quota.contracts.Metric;
import io.quota.contracts.events.ActualRecorded;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One actual posted to the REST API, already checked for shape; eventId null = derive it. */
public record NewActual(UUID eventId, Metric metric, BigDecimal value, String unit, LocalDate businessDate,
                        String territoryId, String accountId, String repId, String industry, String customerType,
                        String productLine, String channel, String source, UUID reversalOf,
                        List<ActualRecorded.Credit> credits, Boolean adjustment) {
}
