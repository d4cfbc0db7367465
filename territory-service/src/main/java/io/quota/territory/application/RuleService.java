package io.quota.territory.application;

import io.quota.platform.problem.ProblemException;
import io.quota.territory.domain.rules.BoundaryRule;
import io.quota.territory.domain.rules.Condition;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.TerritoryEntity;
import io.quota.territory.persistence.TerritoryModelEntity;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Boundary rules of a PLANNING model. Each change re-derives the model's assignment in the same transaction, so
 * its conflicts are always current.
 */
@ApplicationScoped
@Transactional
public class RuleService {
    static final String ENTITY_TYPE = "territory-rule";

    @Inject
    ModelService models;
    @Inject
    PlanningStore store;
    @Inject
    Conditions conditions;
    @Inject
    TerritoryRepository territories;
    @Inject
    AssignmentService assignment;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentActor actor;
    @Inject
    Visibility visibility;

    public record RuleChange(RuleView rule, AssignmentService.Outcome assignment) {
    }

    public RuleChange create(String modelId, String ruleId, String territoryId, int priority, ConditionSpec spec) {
        String who = actor.name();
        visibility.requireUnrestricted("territory model");
        TerritoryModelEntity model = models.planning(modelId);
        if (store.ruleExists(modelId, ruleId)) {
            throw ProblemException.conflict("rule " + ruleId + " already exists in territory model " + modelId);
        }
        PlanningStore.RuleRow row = validated(ruleId, territoryId, priority, spec, "");
        store.insertRules(modelId, List.of(row));
        return changed(model, row, "CREATED", who);
    }

    public RuleChange update(String modelId, String ruleId, String territoryId, int priority, ConditionSpec spec) {
        String who = actor.name();
        visibility.requireUnrestricted("territory model");
        TerritoryModelEntity model = models.planning(modelId);
        PlanningStore.RuleRow row = validated(ruleId, territoryId, priority, spec, "");
        if (store.updateRule(modelId, row) == 0) {
            throw ProblemException.notFound("rule", ruleId);
        }
        return changed(model, row, "UPDATED", who);
    }

    public AssignmentService.Outcome delete(String modelId, String ruleId) {
        String who = actor.name();
        visibility.requireUnrestricted("territory model");
        TerritoryModelEntity model = models.planning(modelId);
        if (store.deleteRule(modelId, ruleId) == 0) {
            throw ProblemException.notFound("rule", ruleId);
        }
        Instant now = Clock.now();
        audit.record(ENTITY_TYPE, modelId + "/" + ruleId, "DELETED", who, now, Map.of("modelId", modelId));
        return assignment.reassignModel(model, now, Clock.today(now));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RuleView> list(String modelId, String territoryId, int page, int size) {
        models.find(modelId);
        List<RuleView> all = store.rules(modelId, territoryId).stream()
                .filter(r -> visibility.sees(r.territoryId())).map(r -> view(modelId, r)).toList();
        int from = Math.min(all.size(), page * size);
        return new Page<>(all.subList(from, Math.min(all.size(), from + size)), page, size, all.size());
    }

    RuleView view(String modelId, PlanningStore.RuleRow r) {
        return new RuleView(modelId, r.id(), r.territoryId(), r.priority(), conditions.read(r.conditionJson()));
    }

    /**
     * A rule that may be stored: its territory exists and is a leaf (regions group, they do not hold accounts), its
     * condition tests known attributes. {@code prefix} locates the rule in a batch (e.g. {@code rules[2].}).
     */
    PlanningStore.RuleRow validated(String ruleId, String territoryId, int priority, ConditionSpec spec, String prefix) {
        TerritoryEntity t = territories.findByIdOptional(territoryId).orElseThrow(() ->
                ProblemException.unprocessable(prefix + "territoryId", "territory " + territoryId + " does not exist"));
        if (!t.type.name().equals("REGION")) {
            Condition condition = Conditions.obeying(() -> conditions.parse(spec, prefix + "condition"));
            Conditions.obeying(() -> new BoundaryRule(ruleId, territoryId, priority, condition));
            return new PlanningStore.RuleRow(ruleId, territoryId, priority, conditions.write(conditions.spec(condition)));
        }
        throw ProblemException.unprocessable(prefix + "territoryId", "territory " + territoryId
                + " is a REGION: boundary rules belong to leaf territories");
    }

    private RuleChange changed(TerritoryModelEntity model, PlanningStore.RuleRow row, String action, String who) {
        Instant now = Clock.now();
        RuleView view = view(model.id, row);
        audit.record(ENTITY_TYPE, model.id + "/" + row.id(), action, who, now, Map.of("after", view));
        return new RuleChange(view, assignment.reassignModel(model, now, Clock.today(now)));
    }
}
