package io.quota.target.application;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.target.domain.Period;
import io.quota.target.domain.PlanningData;
import io.quota.target.domain.SeasonalityProfile;
import io.quota.target.domain.TerritoryDirectory;
import io.quota.target.persistence.ProfileStore;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What drafting reads, as the caller may see it: the scoped replica, stored profiles, kpi-service's actuals. */
final class ServicePlanningData implements PlanningData {
    private final TerritoryDirectory territories;
    private final ProfileStore profiles;
    private final KpiActuals kpi;

    ServicePlanningData(TerritoryDirectory territories, ProfileStore profiles, KpiActuals kpi) {
        this.territories = territories;
        this.profiles = profiles;
        this.kpi = kpi;
    }

    @Override
    public TerritoryDirectory territories() {
        return territories;
    }

    @Override
    public Optional<SeasonalityProfile> profile(String name) {
        return profiles.find(name);
    }

    @Override
    public Map<String, BigDecimal> history(Metric metric, Dimension dimension, Period period) {
        Map<String, BigDecimal> byMember = new HashMap<>();
        for (KpiActuals.Total t : kpi.totals(metric, period.start(), period.end(), List.of(dimension.param()), Map.of())) {
            String member = t.members().get(dimension.param());
            if (member != null) {
                byMember.merge(member, t.value(), BigDecimal::add);
            }
        }
        return byMember;
    }

    @Override
    public Map<String, Map<String, BigDecimal>> history(Metric metric, Dimension parent, Dimension dimension,
                                                        Period period) {
        Map<String, Map<String, BigDecimal>> byParent = new HashMap<>();
        for (KpiActuals.Total t : kpi.totals(metric, period.start(), period.end(),
                List.of(parent.param(), dimension.param()), Map.of())) {
            String p = t.members().get(parent.param());
            String member = t.members().get(dimension.param());
            if (p != null && member != null) {
                byParent.computeIfAbsent(p, k -> new HashMap<>()).merge(member, t.value(), BigDecimal::add);
            }
        }
        return byParent;
    }

    @Override
    public BigDecimal history(Metric metric, Period period) {
        return kpi.totals(metric, period.start(), period.end(), List.of(), Map.of()).stream()
                .map(KpiActuals.Total::value).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
