package io.quota.kpi.application;

import io.quota.contracts.InvalidEventException;
import io.quota.contracts.Metric;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.RepAssignmentChanged;
import io.quota.kpi.domain.Assignments;
import io.quota.kpi.domain.BatchTotals;
import io.quota.kpi.persistence.AssignmentRepository;
import io.quota.kpi.persistence.AssignmentRepository.AccountFacts;
import io.quota.kpi.persistence.IngestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replicas of who held which account and territory when (DESIGN.md section 2). A new account history re-credits
 * the account's facts whose territory on their business date changed: both territories' totals move by the same
 * amount (commutative upserts), and both days are marked for drift evaluation.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AssignmentService {
    private static final Logger LOG = Logger.getLogger(AssignmentService.class);

    @Inject
    AssignmentRepository assignments;
    @Inject
    IngestRepository ingest;
    @Inject
    DriftEvaluator drift;

    public void accountChanged(AccountAssignmentChanged a) {
        List<Assignments.Span> history = spans(a);
        if (!assignments.lockAccountIfNewer(a.accountId(), a.occurredAt())) {
            return; // an older history arriving late
        }
        assignments.replaceAccountHistory(a);
        Set<BatchTotals.Touched> touched = new LinkedHashSet<>();
        int moved = 0;
        for (AccountFacts f : assignments.facts(a.accountId())) {
            String now = Assignments.territoryOn(history, f.date()).orElse("");
            if (!now.equals(f.territoryId())) {
                assignments.recredit(a.accountId(), f, now);
                Metric metric = Metric.valueOf(f.metric());
                if (!f.territoryId().isEmpty()) {
                    touched.add(new BatchTotals.Touched(metric, f.territoryId(), f.date(), null));
                }
                if (!now.isEmpty()) {
                    touched.add(new BatchTotals.Touched(metric, now, f.date(), null));
                }
                moved++;
            }
        }
        if (moved > 0) {
            ingest.markTouched(touched);
            drift.wakeAfterCommit();
            LOG.infof("account %s: %d day(s) of facts re-credited", a.accountId(), moved);
        }
    }

    public void repChanged(RepAssignmentChanged r) {
        for (RepAssignmentChanged.Span s : r.history()) {
            if (s.territoryId() == null || s.role() == null || s.effectiveFrom() == null
                    || s.effectiveTo() != null && !s.effectiveTo().isAfter(s.effectiveFrom())) {
                throw new InvalidEventException("rep " + r.repId() + " has a span without territory, role or a "
                        + "range that ends after it starts");
            }
        }
        assignments.replaceRepHistory(r);
    }

    private static List<Assignments.Span> spans(AccountAssignmentChanged a) {
        if (a.history() == null) {
            throw new InvalidEventException("account " + a.accountId() + " has no history");
        }
        return a.history().stream().map(s -> {
            if (s.territoryId() == null || s.effectiveFrom() == null
                    || s.effectiveTo() != null && !s.effectiveTo().isAfter(s.effectiveFrom())) {
                throw new InvalidEventException("account " + a.accountId() + " has a span without territory or a "
                        + "range that ends after it starts");
            }
            return new Assignments.Span(s.territoryId(), null, s.effectiveFrom(), s.effectiveTo());
        }).toList();
    }
}
