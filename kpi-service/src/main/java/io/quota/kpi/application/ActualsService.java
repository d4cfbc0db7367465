package io.quota.kpi.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.events.ActualRecorded;
import io.quota.kpi.domain.ActualAdmission;
import io.quota.kpi.domain.ClosedPeriod;
import io.quota.kpi.domain.PlanTerms;
import io.quota.kpi.persistence.ClosedPeriodRepository;
import io.quota.kpi.persistence.IngestRepository;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.platform.outbox.Outbox;
import io.quota.platform.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Actuals in through REST: appended to quota.actuals.v1 through the outbox (Kafka is the one ingestion log), and
 * counted by {@link ActualsIngestion} like any other ActualRecorded. The same admission rules apply here first,
 * so a refusal is a 422 naming the item and field rather than a dead letter.
 */
@ApplicationScoped
public class ActualsService {
    @Inject
    Outbox outbox;
    @Inject
    PlanVersionRepository plans;
    @Inject
    ClosedPeriodRepository closedPeriods;
    @Inject
    IngestRepository processed;

    /** Items refused by the admission rules; nothing of the batch was appended. */
    public static class Refused extends RuntimeException {
        private final List<Problem.FieldError> errors;

        public Refused(List<Problem.FieldError> errors) {
            super(errors.size() + " actual(s) refused");
            this.errors = List.copyOf(errors);
        }

        public List<Problem.FieldError> errors() {
            return errors;
        }
    }

    /**
     * Appends a batch to the log in one transaction, all or nothing; returns the event ids in order. An item
     * without eventId gets one derived from the Idempotency-Key and its index, so posting the same batch again
     * changes nothing: ids the deduplication window holds already are not appended again.
     */
    @Transactional
    public List<UUID> record(List<NewActual> batch, String idempotencyKey) {
        List<PlanTerms> active = plans.allActive().stream().map(PlanVersionRow::terms).toList();
        List<ClosedPeriod> closed = closedPeriods.all();
        Instant now = Instant.now();
        List<ActualRecorded> events = new ArrayList<>(batch.size());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            NewActual a = batch.get(i);
            UUID id = a.eventId() != null ? a.eventId() : EventIds.derive("actual", idempotencyKey, String.valueOf(i));
            ActualRecorded event = new ActualRecorded(id, now, 1, a.metric(), a.value(), a.unit(), a.businessDate(),
                    a.accountId(), a.territoryId(), a.repId(), a.industry(), a.customerType(), a.productLine(),
                    a.channel(), a.source(), a.reversalOf(), a.credits(), a.adjustment());
            Optional<ActualAdmission.Refusal> refusal = ActualAdmission.refusal(ActualsIngestion.candidate(event),
                    active, closed);
            if (refusal.isPresent()) {
                errors.add(new Problem.FieldError("[" + i + "]." + refusal.get().field(), refusal.get().reason()));
            }
            events.add(event);
        }
        if (!errors.isEmpty()) {
            throw new Refused(errors);
        }
        Set<UUID> counted = processed.alreadyProcessed(events.stream().map(ActualRecorded::eventId).toList());
        events.stream().filter(e -> !counted.contains(e.eventId())).forEach(outbox::publish);
        return events.stream().map(ActualRecorded::eventId).toList();
    }
}
