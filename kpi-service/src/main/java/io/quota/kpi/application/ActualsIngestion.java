package io.quota.kpi.application;

import io.quota.contracts.Metric;
import io.quota.contracts.events.ActualRecorded;
import io.quota.kpi.domain.ActualAdmission;
import io.quota.kpi.domain.Assignments;
import io.quota.kpi.domain.BatchTotals;
import io.quota.kpi.domain.ClosedPeriod;
import io.quota.kpi.domain.CreditSplit;
import io.quota.kpi.domain.DerivedKpi;
import io.quota.kpi.domain.PlanTerms;
import io.quota.kpi.persistence.ClosedPeriodRepository;
import io.quota.kpi.persistence.IngestRepository;
import io.quota.kpi.persistence.IngestRepository.AdjustmentRow;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Counts a batch of ActualRecorded exactly once, in one transaction (DESIGN.md section 5): refuses what may not
 * be counted (returned with its reason, for the .dlq), records the ids in the deduplication window, credits each
 * new actual (to the territory it names, else to the one holding its account on its business date), aggregates
 * the batch in memory and applies one commutative upsert per key. The caller commits the Kafka offsets only
 * after this returns, so a crash anywhere before that redelivers the batch, and the ids make the repeat a no-op.
 */
@ApplicationScoped
public class ActualsIngestion {
    @Inject
    PlanVersionRepository plans;
    @Inject
    ClosedPeriodRepository closedPeriods;
    @Inject
    IngestRepository store;
    @Inject
    DriftEvaluator drift;

    /** An actual of the batch that is refused, by its position in the batch. */
    public record Refused(int index, String field, String reason) {
    }

    /** What a batch did: actuals counted now, repeats skipped, refusals. */
    public record Outcome(int counted, int repeats, List<Refused> refused) {
    }

    /**
     * Counts a batch. {@code replayed.get(i)}: the actual is read again by a replay ({@link Replays}): it was
     * admitted when first read, so only the checks that depend on nothing stored are applied again; closed periods
     * and the active plans' units may have changed since and must not undo what was counted then.
     * {@code traceparents.get(i)}: the W3C trace context the actual's record carried (null if none), handed on to the
     * drift marks it leaves.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome ingest(List<ActualRecorded> batch, List<Boolean> replayed, List<String> traceparents) {
        List<PlanTerms> active = plans.allActive().stream().filter(PlanVersionRow::published)
                .map(PlanVersionRow::terms).toList();
        List<ClosedPeriod> closed = closedPeriods.all();

        List<Refused> refused = new ArrayList<>();
        Map<UUID, ActualRecorded> admitted = new LinkedHashMap<>();
        Map<UUID, String> traces = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            ActualRecorded a = batch.get(i);
            boolean again = replayed.get(i);
            Optional<ActualAdmission.Refusal> refusal = ActualAdmission.refusal(candidate(a), again ? List.of() : active,
                    again ? List.of() : closed);
            if (refusal.isPresent()) {
                refused.add(new Refused(i, refusal.get().field(), "actual " + a.eventId() + " refused: "
                        + refusal.get().reason()));
            } else {
                if (admitted.putIfAbsent(a.eventId(), a) == null) { // a repeat inside the batch is a repeat too
                    traces.put(a.eventId(), traceparents.get(i));
                }
            }
        }
        List<UUID> ids = new ArrayList<>(admitted.keySet());
        List<LocalDate> days = ids.stream().map(id -> occurredDay(admitted.get(id))).toList();
        Set<UUID> fresh = store.firstSeen(ids, days);

        Set<String> accountsToCredit = new TreeSet<>();
        for (UUID id : fresh) {
            ActualRecorded a = admitted.get(id);
            if (a.territoryId() == null && a.accountId() != null) {
                accountsToCredit.add(a.accountId());
            }
        }
        Map<String, List<Assignments.Span>> histories = store.lockAccounts(accountsToCredit);

        BatchTotals totals = new BatchTotals();
        List<AdjustmentRow> adjustments = new ArrayList<>();
        for (UUID id : ids) {
            if (!fresh.contains(id)) {
                continue;
            }
            ActualRecorded a = admitted.get(id);
            String territory = a.territoryId();
            String viaAccount = null;
            if (territory == null && a.accountId() != null) {
                viaAccount = a.accountId();
                territory = Assignments.territoryOn(histories.getOrDefault(viaAccount, List.of()), a.businessDate())
                        .orElse("");
            }
            BatchTotals.Members members = BatchTotals.Members.of(a.industry(), a.customerType(), a.productLine(),
                    a.channel());
            String traceparent = traces.get(id);
            totals.add(new BatchTotals.Credited(a.metric(), a.unit(), a.value(), a.businessDate(), territory, members,
                    viaAccount, repShares(a, a.value()), traceparent));
            if (a.metric() == Metric.CSAT) { // its response, counted where its score is (AVG_CSAT = scores / responses)
                BigDecimal responses = DerivedKpi.responses(a.reversalOf() != null);
                totals.add(new BatchTotals.Credited(Metric.CSAT, DerivedKpi.RESPONSES, responses, a.businessDate(),
                        territory, members, viaAccount, repShares(a, responses), traceparent));
            }
            if (a.adjustsClosedPeriod()) {
                String t = territory;
                ActualAdmission.closedPeriodOf(closed, a.metric(), a.businessDate()).ifPresent(p ->
                        adjustments.add(new AdjustmentRow(a.eventId(), a.metric().name(), a.unit(), a.value(),
                                a.businessDate(), t, a.accountId(), p.id(), a.source())));
            }
        }
        store.addTerritoryTotals(totals.territories());
        store.addRepTotals(totals.reps());
        store.addAccountTotals(totals.accounts());
        Set<BatchTotals.Touched> marks = totals.touchedCountedBy(active);
        store.markTouched(marks);
        store.recordAdjustments(adjustments);
        if (!marks.isEmpty()) {
            drift.wakeAfterCommit();
        }
        return new Outcome(fresh.size(), admitted.size() - fresh.size(), refused);
    }

    /** The admission view of an event. */
    static ActualAdmission.Candidate candidate(ActualRecorded a) {
        List<CreditSplit.Share> shares = a.credits() == null ? List.of()
                : a.credits().stream().map(c -> new CreditSplit.Share(c.repId(), c.percent())).toList();
        return new ActualAdmission.Candidate(a.metric(), a.value(), a.unit(), a.businessDate(), a.reversalOf() != null,
                shares, a.adjustsClosedPeriod());
    }

    /** Explicit rep credits of a value of the actual: the split, else the named rep with all of it, else none. */
    static Map<String, BigDecimal> repShares(ActualRecorded a, BigDecimal value) {
        if (a.credits() != null && !a.credits().isEmpty()) {
            return CreditSplit.split(value, candidate(a).credits());
        }
        return a.repId() == null ? Map.of() : Map.of(a.repId(), value);
    }

    /** The partition day of an id: the UTC day of occurredAt, which a redelivery carries unchanged. */
    static LocalDate occurredDay(ActualRecorded a) {
        return a.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** Ids the window holds already: a re-post of the same batch must not append them again. */
    Set<UUID> alreadyCounted(List<UUID> ids) {
        return new HashSet<>(store.alreadyProcessed(ids));
    }
}
