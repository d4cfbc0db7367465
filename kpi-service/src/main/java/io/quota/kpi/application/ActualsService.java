package io.quota.kpi.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.events.ActualRecorded;
import io.quota.kpi.domain.ActualAdmission;
import io.quota.kpi.domain.PlanTerms;
import io.quota.kpi.persistence.ActualRepository;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.platform.outbox.Outbox;
import io.quota.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Actuals in: the REST API appends them to quota.actuals.v1 through the outbox (Kafka is the one ingestion log),
 * and the consumer counts every ActualRecorded, posted here or published by an upstream system, exactly once.
 */
@ApplicationScoped
public class ActualsService {
    private static final Logger LOG = Logger.getLogger(ActualsService.class);

    @Inject
    Outbox outbox;
    @Inject
    PlanVersionRepository plans;
    @Inject
    ActualRepository actuals;
    @Inject
    DriftService drift;

    /**
     * Appends a batch to the log in one transaction; returns the event ids in order. An item without eventId gets
     * one derived from the Idempotency-Key and its index, so posting the same batch again changes nothing.
     */
    @Transactional
    public List<UUID> record(List<NewActual> batch, String idempotencyKey) {
        List<PlanTerms> active = plans.allActive().stream().map(PlanVersionRow::terms).toList();
        for (int i = 0; i < batch.size(); i++) {
            NewActual a = batch.get(i);
            Optional<String> refusal = ActualAdmission.refusal(active, a.metric(), a.unit(), a.businessDate());
            if (refusal.isPresent()) {
                String field = a.metric().derived() ? "metric" : "unit";
                throw ProblemException.unprocessable("[" + i + "]." + field, "[" + i + "]: " + refusal.get());
            }
        }
        Instant now = Instant.now();
        List<UUID> ids = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            NewActual a = batch.get(i);
            UUID id = a.eventId() != null ? a.eventId() : EventIds.derive("actual", idempotencyKey, String.valueOf(i));
            outbox.publish(new ActualRecorded(id, now, 1, a.metric(), a.value(), a.unit(), a.businessDate(),
                    a.accountId(), a.territoryId(), a.repId(), a.industry(), a.customerType(), a.productLine(),
                    a.channel(), a.source(), a.reversalOf()));
            ids.add(id);
        }
        return ids;
    }

    /**
     * Counts one fact (the consumer's transaction, after the inbox admitted it): keeps it, adds it to its
     * territory's daily total, and re-evaluates the drift of the cells it changes. Slice: the fact is credited
     * to the territory it names; one naming only an account is kept as unplanned (territory null).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void count(ActualRecorded a) {
        List<PlanTerms> applicable = plans.activeFor(a.metric(), a.businessDate()).stream()
                .map(PlanVersionRow::terms).toList();
        ActualAdmission.refusal(applicable, a.metric(), a.unit(), a.businessDate()).ifPresent(reason -> {
            throw new ActualRefused("actual " + a.eventId() + " refused: " + reason);
        });
        String territoryId = a.territoryId();
        if (!actuals.insertFact(a, territoryId)) {
            return;
        }
        if (territoryId == null) {
            LOG.debugf("actual %s names no territory: kept as unplanned", a.eventId());
            return;
        }
        actuals.addToDailyTotal(a.metric(), a.unit(), territoryId, a.businessDate(), a.value());
        drift.evaluateTouchedBy(a.metric(), territoryId, a.businessDate());
    }
}
