package io.quota.territory.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.platform.problem.ProblemException;
import io.quota.territory.domain.TerritoryRuleViolation;
import io.quota.territory.domain.rules.BoundaryRule;
import io.quota.territory.domain.rules.Condition;
import io.quota.territory.persistence.PlanningStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;

/** Reads conditions as clients spell them into the domain's, naming the exact place of a mistake. */
@ApplicationScoped
public class Conditions {
    @Inject
    ObjectMapper json;

    /** {@code path} is the field of the condition in the request, e.g. {@code condition} or {@code rules[3].condition}. */
    public Condition parse(ConditionSpec spec, String path) {
        return parse(spec, path, 1);
    }

    private Condition parse(ConditionSpec spec, String path, int depth) {
        if (spec == null) {
            throw new TerritoryRuleViolation(path, path + " is required");
        }
        if (depth > Condition.MAX_DEPTH) {
            throw new TerritoryRuleViolation(path, "conditions nest at most " + Condition.MAX_DEPTH + " deep");
        }
        int forms = (spec.attribute() != null || spec.values() != null ? 1 : 0) + (spec.and() != null ? 1 : 0)
                + (spec.or() != null ? 1 : 0);
        if (forms != 1) {
            throw new TerritoryRuleViolation(path, path + " is exactly one of {attribute, values}, {and: [...]}"
                    + " or {or: [...]}");
        }
        if (spec.and() != null) {
            return Condition.all(parts(spec.and(), path + ".and", depth), path + ".and");
        }
        if (spec.or() != null) {
            return Condition.any(parts(spec.or(), path + ".or", depth), path + ".or");
        }
        return Condition.match(spec.attribute(), spec.values(), path);
    }

    private List<Condition> parts(List<ConditionSpec> specs, String path, int depth) {
        List<Condition> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(parse(specs.get(i), path + "[" + i + "]", depth + 1));
        }
        return out;
    }

    /** Back from the domain, for storing and answering (values normalised). */
    public ConditionSpec spec(Condition c) {
        if (c instanceof Condition.Match m) {
            return ConditionSpec.test(m.attribute().spelling(), m.values().stream().sorted().toList());
        }
        if (c instanceof Condition.All all) {
            return ConditionSpec.allOf(all.parts().stream().map(this::spec).toList());
        }
        return ConditionSpec.anyOf(((Condition.Any) c).parts().stream().map(this::spec).toList());
    }

    public String write(ConditionSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public ConditionSpec read(String stored) {
        try {
            return json.readValue(stored, ConditionSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored condition is not JSON: " + stored, e);
        }
    }

    public BoundaryRule rule(PlanningStore.RuleRow row) {
        return new BoundaryRule(row.id(), row.territoryId(), row.priority(), parse(read(row.conditionJson()), "condition"));
    }

    /** A broken rule is the client's to fix: 422 naming the field. */
    public static <T> T obeying(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (TerritoryRuleViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        }
    }
}
