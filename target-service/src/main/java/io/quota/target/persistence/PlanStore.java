package io.quota.target.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.WorkCalendar;
import io.quota.target.domain.Level;
import io.quota.target.domain.LevelDraft;
import io.quota.target.domain.Period;
import io.quota.target.domain.Plan;
import io.quota.target.domain.PlanDraft;
import io.quota.target.domain.PlanVersion;
import io.quota.target.domain.Unit;
import io.quota.target.domain.VersionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Plans and their versions: tables plans and plan_versions. */
@ApplicationScoped
public class PlanStore {
    private static final TypeReference<List<LevelDraft>> LEVELS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;
    @Inject
    Sql sql;

    /** Stores a new plan and its versions; false (and nothing stored) when the id is taken. */
    public boolean insert(Plan plan) {
        int inserted = sql.update("""
                        insert into plans (id, name, task_type, metric, unit, period_start, period_end, time_zone, total,
                                           calendar, drift_policy, levels, created_at, created_by, revision,
                                           fiscal_year_start_month, alert_levels, total_basis, total_from_history)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) on conflict (id) do nothing""",
                plan.id(), plan.name(), plan.taskType().name(), plan.metric().name(), plan.unit().code(),
                plan.period().start(), plan.period().end(), plan.timeZone().getId(), plan.total(),
                json(plan.calendar()), json(plan.driftPolicy()), json(plan.levels().stream().map(Level::toDraft).toList()),
                plan.createdAt(), plan.createdBy(), plan.fiscalYearStartMonth(),
                plan.alertLevels() == null ? null : json(plan.alertLevels()), plan.totalBasis(),
                plan.totalFromHistory() == null ? null : json(plan.totalFromHistory()));
        if (inserted == 0) {
            return false;
        }
        for (PlanVersion v : plan.versions()) {
            insertVersion(plan.id(), v);
        }
        return true;
    }

    public void insertVersion(String planId, PlanVersion v) {
        sql.update("""
                        insert into plan_versions (plan_id, version, status, cell_count, total, created_at, created_by,
                                                   based_on, note)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                planId, v.number(), v.status().name(), v.cellCount(), v.total(), v.createdAt(), v.createdBy(),
                v.basedOn(), v.note());
    }

    /** Bumps the plan's revision (its ETag) after a change of its versions' cells. Needs {@link #lock} first. */
    public void touch(String planId) {
        em.find(PlanEntity.class, planId).revision++;
    }

    /** Writes a version's total after its cells changed. */
    public void updateTotal(String planId, int version, java.math.BigDecimal total) {
        // through the entity: the persistence context may hold the version already (a plain UPDATE would leave it stale)
        em.find(PlanVersionEntity.class, new PlanVersionEntity.Key(planId, version)).total = total;
    }

    public Optional<Plan> find(String id) {
        return Optional.ofNullable(em.find(PlanEntity.class, id)).map(e -> stored(e, versions(List.of(id)).get(id)));
    }

    /** The plan under a row lock until the transaction ends: changes of one plan happen one after the other. */
    public Optional<Plan> lock(String id) {
        return Optional.ofNullable(em.find(PlanEntity.class, id, LockModeType.PESSIMISTIC_WRITE))
                .map(e -> stored(e, versions(List.of(id)).get(id)));
    }

    /** Writes every version's status and who moved it; bumps the plan's revision. Needs {@link #lock} first. */
    public void saveVersions(Plan plan) {
        for (PlanVersion v : plan.versions()) {
            PlanVersionEntity e = em.find(PlanVersionEntity.class, new PlanVersionEntity.Key(plan.id(), v.number()));
            if (e == null) {
                continue;
            }
            e.status = v.status().name();
            e.submittedAt = v.submittedAt();
            e.submittedBy = v.submittedBy();
            e.approvedAt = v.approvedAt();
            e.approvedBy = v.approvedBy();
            e.total = v.total();
            e.cellCount = v.cellCount();
        }
        em.find(PlanEntity.class, plan.id()).revision++;
    }

    /** One page of the plans in id order; restricted to the plans with a cell the filter admits. */
    public List<Plan> page(int page, int size, TerritoryFilter filter) {
        List<PlanEntity> rows;
        if (!filter.restricted()) {
            rows = em.createQuery("from PlanEntity p order by p.id", PlanEntity.class)
                    .setFirstResult(page * size).setMaxResults(size).getResultList();
        } else {
            List<String> ids = sql.query("select p.id from plans p where " + IN_SCOPE + " order by p.id limit ? offset ?",
                    rs -> rs.getString(1), filter.parameter(), size, (long) page * size);
            rows = ids.isEmpty() ? List.of() : em.createQuery("from PlanEntity p where p.id in :ids order by p.id",
                    PlanEntity.class).setParameter("ids", ids).getResultList();
        }
        Map<String, List<PlanVersionEntity>> versions = versions(rows.stream().map(p -> p.id).toList());
        return rows.stream().map(p -> stored(p, versions.get(p.id))).toList();
    }

    public long count(TerritoryFilter filter) {
        if (!filter.restricted()) {
            return em.createQuery("select count(p) from PlanEntity p", Long.class).getSingleResult();
        }
        return sql.count("select count(*) from plans p where " + IN_SCOPE, filter.parameter());
    }

    /** A plan is in a restricted caller's list when one of its cells is in scope. */
    private static final String IN_SCOPE =
            "exists (select 1 from cells c where c.plan_id = p.id and c.territory = any(?::text[]))";

    private Map<String, List<PlanVersionEntity>> versions(List<String> planIds) {
        if (planIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("from PlanVersionEntity v where v.planId in :ids order by v.planId, v.number",
                        PlanVersionEntity.class)
                .setParameter("ids", planIds).getResultList().stream()
                .collect(Collectors.groupingBy(v -> v.planId));
    }

    private static Plan stored(PlanEntity e, List<PlanVersionEntity> versions) {
        Unit unit = Unit.of(e.unit);
        Period period = new Period(e.periodStart, e.periodEnd);
        List<LevelDraft> drafts = read(e.levels, LEVELS);
        List<Level> levels = new java.util.ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            levels.add(Level.restore(i, drafts.get(i)));
        }
        List<PlanVersion> restored = (versions == null ? List.<PlanVersionEntity>of() : versions).stream()
                .map(v -> PlanVersion.restore(v.number, VersionStatus.valueOf(v.status), v.cellCount,
                        unit.normalise(v.total), v.createdAt, v.createdBy, v.submittedAt, v.submittedBy, v.approvedAt,
                        v.approvedBy, v.basedOn, v.note))
                .toList();
        return Plan.restore(e.id, e.name, TaskType.valueOf(e.taskType), Metric.valueOf(e.metric), unit, period,
                ZoneId.of(e.timeZone), read(e.calendar, WorkCalendar.class), read(e.driftPolicy, DriftPolicy.class),
                unit.normalise(e.total), levels, restored, e.createdAt, e.createdBy, e.revision,
                e.fiscalYearStartMonth, e.alertLevels == null ? null : read(e.alertLevels, STRINGS), e.totalBasis,
                e.totalFromHistory == null ? null : read(e.totalFromHistory, PlanDraft.HistoryTotal.class));
    }

    private static String json(Object value) {
        return EventJson.write(value);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is not readable", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return EventJson.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable", e);
        }
    }
}
