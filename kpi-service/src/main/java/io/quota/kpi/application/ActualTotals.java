package io.quota.kpi.application;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.persistence.TotalsRepository;
import io.quota.platform.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Totals of recorded actuals by member dimensions (what target-service reads for HISTORY weights). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ActualTotals {
    /** The dimensions totals can be grouped and filtered by. */
    public static final Set<Dimension> GROUPABLE = TotalsRepository.COLUMN.keySet();

    @Inject
    TotalsRepository totals;

    /** One group: members (null = none recorded) per dimension asked for, unit and exact total. */
    public record Total(Map<Dimension, String> members, String unit, BigDecimal value) {
    }

    public List<Total> totals(Metric metric, String unit, DateRange range, List<Dimension> by,
                              Map<Dimension, String> filters, CallerScope caller) {
        var scope = caller.unrestricted() ? null : Set.copyOf(caller.roots());
        return totals.totals(metric, unit, range, by, filters, scope).stream()
                .map(t -> new Total(t.members(), t.unit(), t.value())).toList();
    }
}
