package io.quota.territory.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.platform.problem.ProblemException;
import io.quota.territory.domain.TerritoryType;
import io.quota.territory.domain.balancing.Balancer;
import io.quota.territory.domain.balancing.BalancingOptions;
import io.quota.territory.domain.balancing.BalancingTerritory;
import io.quota.territory.domain.balancing.BalancingUnit;
import io.quota.territory.domain.balancing.Proposal;
import io.quota.territory.domain.balancing.Spread;
import io.quota.territory.domain.balancing.TerritoryLoad;
import io.quota.territory.domain.rules.BoundaryRule;
import io.quota.territory.domain.rules.Condition;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.TerritoryEntity;
import io.quota.territory.persistence.TerritoryModelEntity;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Balancing proposals (区域平衡) for the leaf territories of a region, computed on a PLANNING model by the domain's
 * greedy search, stored, and applied as boundary rules in that model: each move becomes a rule of the receiving
 * territory one priority above every rule of the model, matching exactly the moved unit (accounts by id; a city or
 * postal prefix together with the rules that gave it to its old territory, so accounts that arrive there later
 * follow). Applying may also activate the model on a date, which publishes the events.
 */
@ApplicationScoped
@Transactional
public class BalancingService {
    public enum UnitKind { ACCOUNT, CITY, POSTAL_PREFIX }

    @Inject
    TerritoryRepository territories;
    @Inject
    ModelService models;
    @Inject
    PlanningStore store;
    @Inject
    StatsService stats;
    @Inject
    Conditions conditions;
    @Inject
    AssignmentService assignment;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentActor actor;
    @Inject
    Visibility visibility;
    @Inject
    ObjectMapper json;

    public record Request(String modelId, UnitKind unit, Integer postalPrefixLength, List<String> lockedUnits,
                          Integer maxMovedAccounts, BigDecimal tolerance) {
    }

    public record MoveView(String unit, String attribute, String value, String fromTerritoryId, String toTerritoryId,
                           int accounts, BigDecimal potential, long workload, List<String> accountIds) {
    }

    public record LoadView(String territoryId, int reps, int accounts, BigDecimal potential, long workload) {
        static LoadView of(TerritoryLoad l) {
            return new LoadView(l.territoryId(), l.reps(), l.accounts(), BigDecimal.valueOf(l.potentialMinor(), 2),
                    l.workload());
        }
    }

    public record SpreadView(BigDecimal maxMinRatio, BigDecimal coefficientOfVariation) {
        static SpreadView of(Spread s) {
            return new SpreadView(s.maxMinRatio() == null ? null : round(s.maxMinRatio()),
                    round(s.coefficientOfVariation()));
        }

        private static BigDecimal round(double v) {
            return BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_EVEN);
        }
    }

    public record Figures(SpreadView before, SpreadView after) {
    }

    public record ProposalView(String id, String regionId, String modelId, long modelVersion, String status,
                               Request options, List<MoveView> moves, int movedAccounts, Figures potentialPerRep,
                               Figures workloadPerRep, List<LoadView> before, List<LoadView> after, Instant createdAt,
                               String createdBy, Instant appliedAt, String appliedBy) {
    }

    public record ApplyResult(ProposalView proposal, AssignmentService.Outcome assignment, ModelView model) {
    }

    private record UnitOf(String attribute, String value, List<String> accountIds) {
    }

    public ProposalView propose(String regionId, Request request) {
        String who = actor.name();
        if (!visibility.sees(regionId)) {
            throw ProblemException.notFound("territory", regionId);
        }
        visibility.requireUnrestricted("territory model");
        TerritoryEntity region = territories.findByIdOptional(regionId)
                .orElseThrow(() -> ProblemException.notFound("territory", regionId));
        if (region.type != TerritoryType.REGION) {
            throw ProblemException.unprocessable("regionId", "territory " + regionId + " is a " + region.type
                    + ": balancing moves accounts between the leaf territories of a REGION");
        }
        if (request.modelId() == null) {
            throw ProblemException.unprocessable("modelId", "name the PLANNING model to balance");
        }
        TerritoryModelEntity model = models.planning(request.modelId());
        UnitKind kind = request.unit() == null ? UnitKind.ACCOUNT : request.unit();
        int prefixLength = request.postalPrefixLength() == null ? 3 : request.postalPrefixLength();
        Set<String> locked = request.lockedUnits() == null ? Set.of() : Set.copyOf(request.lockedUnits());
        int cap = request.maxMovedAccounts() == null ? 1_000 : request.maxMovedAccounts();
        double tolerance = request.tolerance() == null ? 0.05 : request.tolerance().doubleValue();
        Request options = new Request(model.id, kind, kind == UnitKind.POSTAL_PREFIX ? prefixLength : null,
                List.copyOf(locked), cap, BigDecimal.valueOf(tolerance));

        LocalDate today = Clock.today(Clock.now());
        List<BalancingTerritory> leaves = territories.subtree(regionId).stream().map(TerritoryRepository.Placed::territory)
                .filter(t -> t.type != TerritoryType.REGION && t.status.name().equals("ACTIVE"))
                .map(t -> new BalancingTerritory(t.id, stats.primaryReps(t.id, today))).toList();
        if (leaves.size() < 2) {
            throw ProblemException.unprocessable("regionId", "region " + regionId
                    + " needs at least two active leaf territories to balance");
        }
        Map<String, UnitOf> unitInfo = new TreeMap<>();
        Map<String, long[]> sums = new TreeMap<>();
        for (PlanningStore.PlacedAccount a : store.placedAccounts(model.id, leaves.stream().map(BalancingTerritory::id).toList())) {
            String attribute = null;
            String value = null;
            if (kind == UnitKind.CITY && a.city() != null) {
                attribute = "city";
                value = a.city();
            } else if (kind == UnitKind.POSTAL_PREFIX && a.postalCode() != null && a.postalCode().length() >= prefixLength) {
                attribute = "postalPrefix";
                value = a.postalCode().substring(0, prefixLength);
            }
            String key = attribute == null ? "account:" + a.id()
                    : (attribute.equals("city") ? "city:" : "postal:") + a.territoryId() + ":" + value;
            String unitAttribute = attribute;
            String unitValue = value;
            UnitOf unit = unitInfo.computeIfAbsent(key, k -> new UnitOf(unitAttribute, unitValue, new ArrayList<>()));
            unit.accountIds().add(a.id());
            long[] s = sums.computeIfAbsent(key, k -> new long[3]);
            s[0] += a.potential().movePointRight(2).longValueExact();
            s[1] += a.workload();
            s[2] = leafIndex(leaves, a.territoryId());
        }
        List<BalancingUnit> units = new ArrayList<>();
        sums.forEach((key, s) -> units.add(new BalancingUnit(key, leaves.get((int) s[2]).id(), s[0], s[1],
                unitInfo.get(key).accountIds().size(), isLocked(key, locked))));
        Proposal proposal = Balancer.propose(leaves, units, new BalancingOptions(cap, tolerance));

        List<MoveView> moves = proposal.moves().stream().map(m -> {
            UnitOf u = unitInfo.get(m.unitKey());
            return new MoveView(m.unitKey(), u.attribute() == null ? "accountId" : u.attribute(),
                    u.value() == null ? u.accountIds().get(0) : u.value(), m.fromTerritoryId(), m.toTerritoryId(),
                    m.accounts(), BigDecimal.valueOf(m.potentialMinor(), 2), m.workload(), List.copyOf(u.accountIds()));
        }).toList();
        Instant now = Clock.now();
        ProposalView view = new ProposalView(UUID.randomUUID().toString(), regionId, model.id, model.version, "PROPOSED",
                options, moves, proposal.movedAccounts(),
                new Figures(SpreadView.of(proposal.potentialBefore()), SpreadView.of(proposal.potentialAfter())),
                new Figures(SpreadView.of(proposal.workloadBefore()), SpreadView.of(proposal.workloadAfter())),
                proposal.before().stream().map(LoadView::of).toList(), proposal.after().stream().map(LoadView::of).toList(),
                now, who, null, null);
        store.update("insert into balancing_proposal (id, region_id, model_id, model_version, status, body, created_at, created_by) "
                + "values (?, ?, ?, ?, 'PROPOSED', cast(? as jsonb), ?, ?)", view.id(), regionId, model.id, model.version,
                write(view), java.sql.Timestamp.from(now), who);
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ProposalView get(String regionId, String proposalId) {
        if (!visibility.sees(regionId)) {
            throw ProblemException.notFound("balancing proposal", proposalId);
        }
        return load(regionId, proposalId);
    }

    public ApplyResult apply(String regionId, String proposalId, LocalDate activateOn, boolean force, String reason) {
        String who = actor.name();
        if (!visibility.sees(regionId)) {
            throw ProblemException.notFound("balancing proposal", proposalId);
        }
        visibility.requireUnrestricted("territory model");
        ProposalView p = load(regionId, proposalId);
        if (!"PROPOSED".equals(p.status())) {
            throw ProblemException.conflict("balancing proposal " + proposalId + " is already " + p.status());
        }
        TerritoryModelEntity model = models.planning(p.modelId());
        if (model.version != p.modelVersion()) {
            throw ProblemException.conflict("territory model " + model.id + " changed since this proposal was made"
                    + " (version " + p.modelVersion() + ", now " + model.version + "): propose again");
        }
        int priority = store.maxPriority(model.id) + 1;
        if (priority > BoundaryRule.MAX_PRIORITY) {
            throw ProblemException.unprocessable("modelId", "the model's rule priorities are exhausted");
        }
        List<PlanningStore.RuleRow> rules = new ArrayList<>();
        String prefix = "bal-" + proposalId.substring(0, 8) + "-";
        Map<String, List<String>> accountsTo = new TreeMap<>();
        for (MoveView m : p.moves()) {
            if (m.attribute().equals("accountId")) {
                accountsTo.computeIfAbsent(m.toTerritoryId(), t -> new ArrayList<>()).addAll(m.accountIds());
                continue;
            }
            // the unit as its old territory's rules drew it: (city | prefix) AND (any rule of the old territory)
            List<ConditionSpec> source = store.rules(model.id, m.fromTerritoryId()).stream()
                    .map(r -> conditions.read(r.conditionJson())).toList();
            ConditionSpec unit = ConditionSpec.test(m.attribute(), List.of(m.value()));
            ConditionSpec spec = source.isEmpty() ? unit
                    : ConditionSpec.allOf(List.of(unit, source.size() == 1 ? source.get(0) : ConditionSpec.anyOf(source)));
            rules.add(row(prefix + (rules.size() + 1), m.toTerritoryId(), priority, spec));
        }
        accountsTo.forEach((territory, ids) -> {
            for (int i = 0; i < ids.size(); i += Condition.MAX_VALUES) {
                rules.add(row(prefix + (rules.size() + 1), territory, priority,
                        ConditionSpec.test("accountId", ids.subList(i, Math.min(ids.size(), i + Condition.MAX_VALUES)))));
            }
        });
        store.insertRules(model.id, rules);
        Instant now = Clock.now();
        AssignmentService.Outcome outcome = assignment.reassignModel(model, now, Clock.today(now));
        store.update("update balancing_proposal set status = 'APPLIED', applied_at = ?, applied_by = ? where id = ?",
                java.sql.Timestamp.from(now), who, proposalId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("modelId", model.id);
        details.put("rules", rules.size());
        details.put("movedAccounts", p.movedAccounts());
        audit.record("balancing-proposal", proposalId, "APPLIED", who, now, details);
        ModelView modelView = activateOn == null ? models.view(model) : models.activate(model.id, activateOn, force, reason);
        return new ApplyResult(load(regionId, proposalId), outcome, modelView);
    }

    private PlanningStore.RuleRow row(String id, String territory, int priority, ConditionSpec spec) {
        Condition c = conditions.parse(spec, "condition");
        return new PlanningStore.RuleRow(id, territory, priority, conditions.write(conditions.spec(c)));
    }

    private ProposalView load(String regionId, String proposalId) {
        List<Object[]> rows = store.query("select body::text, status, applied_at, applied_by from balancing_proposal where id = ? and region_id = ?",
                rs -> new Object[]{rs.getString(1), rs.getString(2), rs.getTimestamp(3), rs.getString(4)}, proposalId, regionId);
        if (rows.isEmpty()) {
            throw ProblemException.notFound("balancing proposal", proposalId);
        }
        try {
            ProposalView v = json.readValue((String) rows.get(0)[0], ProposalView.class);
            java.sql.Timestamp at = (java.sql.Timestamp) rows.get(0)[2];
            return new ProposalView(v.id(), v.regionId(), v.modelId(), v.modelVersion(), (String) rows.get(0)[1],
                    v.options(), v.moves(), v.movedAccounts(), v.potentialPerRep(), v.workloadPerRep(), v.before(),
                    v.after(), v.createdAt(), v.createdBy(), at == null ? null : at.toInstant(), (String) rows.get(0)[3]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored proposal " + proposalId + " is not JSON", e);
        }
    }

    private static boolean isLocked(String key, Set<String> locked) {
        if (locked.contains(key)) {
            return true;
        }
        // "city:杭州" / "postal:310" lock the city or prefix in whichever territory holds it
        int second = key.indexOf(':', key.indexOf(':') + 1);
        return second > 0 && locked.contains(key.substring(0, key.indexOf(':') + 1) + key.substring(second + 1));
    }

    private static int leafIndex(List<BalancingTerritory> leaves, String id) {
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalStateException(id);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
