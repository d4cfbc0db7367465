package io.quota.kpi.application;

import io.quota.contracts.Metric;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.persistence.AdjustmentRepository;
import io.quota.kpi.persistence.ClosedPeriodRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.Optional;

/** Closing and reopening periods (who and when are kept and logged), and the adjustments' audit trail. */
@ApplicationScoped
@Transactional
public class ClosedPeriods {
    private static final Logger LOG = Logger.getLogger(ClosedPeriods.class);

    @Inject
    ClosedPeriodRepository periods;
    @Inject
    AdjustmentRepository adjustments;

    /** A closed period as shown: who closed it and when. */
    public record View(long id, Metric metric, LocalDate from, LocalDate to, String reason, String closedBy,
                       Instant closedAt) {
        static View of(ClosedPeriodRepository.Row r) {
            return new View(r.period().id(), r.period().metric(), r.period().period().from(), r.period().period().to(),
                    r.period().reason(), r.closedBy(), r.closedAt());
        }
    }

    /** An audited adjustment. */
    public record Adjustment(UUID eventId, Metric metric, String unit, BigDecimal value, LocalDate businessDate,
                             String territoryId, String accountId, long closedPeriodId, String source,
                             Instant recordedAt) {
    }

    public View close(Metric metric, DateRange range, String reason, String actor) {
        long id = periods.insert(metric, range, reason, actor);
        LOG.infof("period %s closed for %s by %s (id %d)", range, metric == null ? "every metric" : metric, actor, id);
        return View.of(periods.find(id).orElseThrow());
    }

    public boolean reopen(long id, String actor) {
        Optional<ClosedPeriodRepository.Row> row = periods.find(id);
        if (row.isEmpty()) {
            return false;
        }
        if (adjustments.countFor(id) > 0) {
            // the audit trail names the period: it stays, so reopening is refused rather than losing history
            throw new io.quota.platform.problem.ProblemException(409, "Conflict", "closed period " + id
                    + " has audited adjustments and cannot be reopened", "id");
        }
        periods.delete(id);
        LOG.infof("period %s reopened by %s (id %d)", row.get().period().period(), actor, id);
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<View> page(int page, int size) {
        return new Page<>(periods.page(page, size).stream().map(View::of).toList(), page, size, periods.count());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<View> find(long id) {
        return periods.find(id).map(View::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Adjustment> adjustments(int page, int size) {
        List<Adjustment> items = adjustments.page(page, size).stream().map(a -> new Adjustment(a.eventId(),
                Metric.valueOf(a.metric()), a.unit(), a.value(), a.businessDate(), a.territoryId(), a.accountId(),
                a.closedPeriodId(), a.source(), a.recordedAt())).toList();
        return new Page<>(items, page, size, adjustments.count());
    }
}
