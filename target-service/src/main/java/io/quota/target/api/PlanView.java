package io.quota.target.api;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;
import io.quota.target.domain.AllocationMethod;
import io.quota.target.domain.Granularity;
import io.quota.target.domain.Level;
import io.quota.target.domain.LevelDraft;
import io.quota.target.domain.Plan;
import io.quota.target.domain.PlanDraft;
import io.quota.target.domain.PlanVersion;
import io.quota.target.domain.VersionStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import java.util.Map;

/** A plan as the API shows it; amounts carry exactly the unit's minor unit. */
public record PlanView(String id, String name, TaskType taskType, Metric metric, String unit, LocalDate periodStart,
                       LocalDate periodEnd, String timeZone, BigDecimal total, WorkCalendar calendar,
                       DriftPolicy driftPolicy, List<LevelView> levels, List<VersionView> versions, Instant createdAt,
                       String createdBy, int fiscalYearStartMonth, List<String> alertLevels, String totalBasis,
                       PlanDraft.HistoryTotal totalFromHistory) {

    /** A level with everything its method resolved (history, potential and profile weights written out). */
    public record LevelView(Dimension dimension, Granularity granularity, AllocationMethod method, List<String> members,
                            Map<String, BigDecimal> weights, Map<String, Map<String, BigDecimal>> weightsByParent,
                            Map<String, BigDecimal> amounts, Map<String, Map<String, BigDecimal>> amountsByParent,
                            Map<String, BigDecimal> pins, Map<String, Map<String, BigDecimal>> pinsByParent,
                            String profile, Map<Month, BigDecimal> seasonality, Boolean byParent) {
        static LevelView of(Level level) {
            LevelDraft d = level.toDraft();
            return new LevelView(d.dimension(), d.granularity(), d.method(), d.members(), d.weights(),
                    d.weightsByParent(), d.amounts(), d.amountsByParent(), d.pins(), d.pinsByParent(), d.profile(),
                    d.seasonality(), d.byParent());
        }
    }

    public record VersionView(int version, VersionStatus status, int cellCount, BigDecimal total, Instant createdAt,
                              String createdBy, Instant submittedAt, String submittedBy, Instant approvedAt,
                              String approvedBy, Integer basedOn, String note) {
        static VersionView of(PlanVersion v, Plan plan) {
            return new VersionView(v.number(), v.status(), v.cellCount(), plan.unit().normalise(v.total()),
                    v.createdAt(), v.createdBy(), v.submittedAt(), v.submittedBy(), v.approvedAt(), v.approvedBy(),
                    v.basedOn(), v.note());
        }
    }

    static PlanView of(Plan p) {
        return new PlanView(p.id(), p.name(), p.taskType(), p.metric(), p.unit().code(), p.period().start(),
                p.period().end(), p.timeZone().getId(), p.unit().normalise(p.total()), p.calendar(), p.driftPolicy(),
                p.levels().stream().map(LevelView::of).toList(),
                p.versions().stream().map(v -> VersionView.of(v, p)).toList(), p.createdAt(), p.createdBy(),
                p.fiscalYearStartMonth(), p.alertLevels(), p.totalBasis(), p.totalFromHistory());
    }
}
