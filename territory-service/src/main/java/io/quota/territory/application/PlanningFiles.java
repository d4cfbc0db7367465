package io.quota.territory.application;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.contracts.NodeKey;
import io.quota.platform.problem.ProblemException;
import io.quota.territory.domain.TerritoryStatus;
import io.quota.territory.domain.TerritoryType;
import io.quota.territory.domain.assignments.RepRole;
import io.quota.territory.domain.rules.BoundaryRule;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.RepAssignmentEntity;
import io.quota.territory.persistence.Repositories;
import io.quota.territory.persistence.TerritoryEntity;
import io.quota.territory.persistence.TerritoryModelEntity;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Import and export of the planning data as CSV or XLSX: the territory tree, a model's boundary rules, accounts,
 * and reps with their assignments. An import is one transaction: every row is checked first (shape), then applied
 * through the same services as the REST writes (same rules, audit trail and events); any problem in any row and
 * the whole file is rejected ({@link Tables.Rejected}, rolling the transaction back), listing every bad row and
 * column. Imports span many territories, so they need a caller without a territory scope; exports show only what
 * the caller's scope shows.
 */
@ApplicationScoped
@Transactional
public class PlanningFiles {
    static final List<String> TERRITORY_COLUMNS = List.of("id", "parentId", "type", "nameZh", "nameEn", "potential", "status");
    static final List<String> RULE_COLUMNS = List.of("ruleId", "territoryId", "priority", "condition");
    static final List<String> REP_COLUMNS = List.of("repId", "nameZh", "nameEn", "capacity", "status", "territoryId",
            "role", "effectiveFrom", "effectiveTo", "coverFor", "note");
    private static final LocalDate FIRST_DAY = LocalDate.of(1990, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2100, 12, 31);
    /** Conditions in a cell are JSON; a misspelt key must be an error, not silently dropped. */
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Inject
    TerritoryService territoryService;
    @Inject
    TerritoryRepository territories;
    @Inject
    AccountService accounts;
    @Inject
    RuleService rules;
    @Inject
    ModelService models;
    @Inject
    RepService reps;
    @Inject
    Repositories.Reps repEntities;
    @Inject
    PlanningStore store;
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

    /** What an import did. */
    public record Imported(int imported, AssignmentService.Outcome assignment) {
    }

    // ---------- territories

    private record TerritoryRow(int row, String id, String parentId, TerritoryType type, String nameZh, String nameEn,
                                BigDecimal potential, TerritoryStatus status) {
    }

    public Imported importTerritories(Tables.Format format, byte[] body) {
        visibility.requireUnrestricted("territory tree import");
        List<Tables.Line> lines = Tables.read(format, body, List.of("id", "type"), TERRITORY_COLUMNS);
        Errors errors = new Errors();
        Map<String, TerritoryRow> byId = new LinkedHashMap<>();
        for (Tables.Line l : lines) {
            TerritoryRow r = new TerritoryRow(l.row(), id(l, "id", true, errors), id(l, "parentId", false, errors),
                    enumCell(l, "type", TerritoryType.class, true, errors), text(l, "nameZh", 200, errors),
                    text(l, "nameEn", 200, errors), decimal(l, "potential", errors),
                    Objects.requireNonNullElse(enumCell(l, "status", TerritoryStatus.class, false, errors), TerritoryStatus.ACTIVE));
            if (r.id() != null && byId.putIfAbsent(r.id(), r) != null) {
                errors.add(l.row(), "id", "territory " + r.id() + " appears twice in the file");
            }
        }
        for (TerritoryRow r : byId.values()) {
            if (r.parentId() != null) {
                TerritoryRow inFile = byId.get(r.parentId());
                TerritoryEntity stored = inFile == null ? territories.findById(r.parentId()) : null;
                if (inFile == null && stored == null) {
                    errors.add(r.row(), "parentId", "parent " + r.parentId() + " is neither in the file nor stored");
                } else if (inFile == null ? stored.type != TerritoryType.REGION
                        : inFile.type() != null && inFile.type() != TerritoryType.REGION) {
                    errors.add(r.row(), "parentId", "parent " + r.parentId() + " is a leaf: only a REGION has children");
                }
            }
        }
        errors.throwIfAny();
        List<TerritoryRow> ordered = parentsFirst(byId, errors);
        errors.throwIfAny();
        // active first, parents before children; archiving last, children before parents (a region is archived
        // only once its children are)
        for (TerritoryRow r : ordered) {
            errors.apply(r.row(), () -> {
                TerritoryInput input = new TerritoryInput(r.parentId(), r.type(), r.nameZh(), r.nameEn(), r.potential());
                TerritoryEntity existing = territories.findById(r.id());
                if (existing == null) {
                    territoryService.create(r.id(), input);
                } else {
                    TerritoryStatus keep = r.status() == TerritoryStatus.ACTIVE ? TerritoryStatus.ACTIVE : existing.status;
                    territoryService.update(r.id(), existing.version, input, keep);
                }
            });
        }
        for (int i = ordered.size() - 1; i >= 0; i--) {
            TerritoryRow r = ordered.get(i);
            if (r.status() == TerritoryStatus.ARCHIVED && errors.none()) {
                errors.apply(r.row(), () -> {
                    TerritoryEntity e = territories.findById(r.id());
                    territoryService.update(r.id(), e.version, new TerritoryInput(r.parentId(), r.type(), r.nameZh(),
                            r.nameEn(), r.potential()), TerritoryStatus.ARCHIVED);
                });
            }
        }
        errors.throwIfAny();
        return new Imported(ordered.size(), null);
    }

    /** The rows in an order where each parent in the file comes before its children; a cycle is a parentId error. */
    private static List<TerritoryRow> parentsFirst(Map<String, TerritoryRow> byId, Errors errors) {
        List<TerritoryRow> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (TerritoryRow r : byId.values()) {
            List<TerritoryRow> chain = new ArrayList<>();
            Set<String> onChain = new HashSet<>();
            TerritoryRow at = r;
            while (at != null && !placed.contains(at.id())) {
                if (!onChain.add(at.id())) {
                    errors.add(at.row(), "parentId", "territory " + at.id() + " would be its own ancestor (a cycle in the file)");
                    return ordered;
                }
                chain.add(at);
                at = at.parentId() == null ? null : byId.get(at.parentId());
            }
            for (int i = chain.size() - 1; i >= 0; i--) {
                placed.add(chain.get(i).id());
                ordered.add(chain.get(i));
            }
        }
        return ordered;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] exportTerritories(Tables.Format format) {
        List<List<String>> rows = new ArrayList<>();
        allPages(p -> territoryService.list(null, null, null, p, 500)).forEach(t -> rows.add(Arrays.asList(t.id(),
                t.parentId(), t.type().name(), t.nameZh(), t.nameEn(), plain(t.potential()), t.status().name())));
        return Tables.write(format, "territories", TERRITORY_COLUMNS, rows);
    }

    // ---------- boundary rules of a model

    public Imported importRules(String modelId, Tables.Format format, byte[] body) {
        String who = actor.name();
        visibility.requireUnrestricted("territory model");
        TerritoryModelEntity model = models.planning(modelId);
        List<Tables.Line> lines = Tables.read(format, body, RULE_COLUMNS, RULE_COLUMNS);
        Errors errors = new Errors();
        Map<String, Integer> seen = new HashMap<>();
        List<PlanningStore.RuleRow> rows = new ArrayList<>();
        for (Tables.Line l : lines) {
            String ruleId = id(l, "ruleId", true, errors);
            Integer priority = integer(l, "priority", BoundaryRule.MIN_PRIORITY, BoundaryRule.MAX_PRIORITY, true, errors);
            ConditionSpec spec = null;
            try {
                spec = l.get("condition") == null ? null : STRICT.readValue(l.get("condition"), ConditionSpec.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                errors.add(l.row(), "condition", "condition is JSON like {\"and\":[{\"attribute\":\"province\",\"values\":[\"浙江\"]}]}: "
                        + e.getOriginalMessage());
                continue;
            }
            if (spec == null) {
                errors.add(l.row(), "condition", "condition is required");
            }
            if (ruleId != null && seen.putIfAbsent(ruleId, l.row()) != null) {
                errors.add(l.row(), "ruleId", "rule " + ruleId + " appears twice in the file");
            }
            if (ruleId != null && priority != null && spec != null) {
                ConditionSpec s = spec;
                errors.check(l.row(), () -> rows.add(rules.validated(ruleId, l.get("territoryId"), priority, s, "")));
            }
        }
        errors.throwIfAny();
        List<PlanningStore.RuleRow> fresh = new ArrayList<>();
        for (PlanningStore.RuleRow r : rows) {
            if (store.updateRule(model.id, r) == 0) {
                fresh.add(r);
            }
        }
        store.insertRules(model.id, fresh);
        Instant now = Clock.now();
        audit.record(RuleService.ENTITY_TYPE, model.id + "/import", "IMPORTED", who, now,
                Map.of("modelId", model.id, "rules", rows.size(), "created", fresh.size()));
        return new Imported(rows.size(), assignment.reassignModel(model, now, Clock.today(now)));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] exportRules(String modelId, Tables.Format format) {
        models.find(modelId);
        List<List<String>> rows = store.rules(modelId, null).stream().filter(r -> visibility.sees(r.territoryId()))
                .map(r -> List.of(r.id(), r.territoryId(), Integer.toString(r.priority()), r.conditionJson())).toList();
        return Tables.write(format, "rules", RULE_COLUMNS, rows);
    }

    // ---------- accounts

    public Imported importAccounts(Tables.Format format, byte[] body) {
        visibility.requireUnrestricted("account import");
        List<Tables.Line> lines = Tables.read(format, body, AccountTable.REQUIRED, AccountTable.EXPORTED);
        return new Imported(accounts.createAll(AccountTable.read(lines, accounts.companyCurrency())), null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] exportAccounts(Tables.Format format) {
        return Tables.write(format, "accounts", AccountTable.EXPORTED,
                AccountTable.rows(allPages(p -> accounts.list(null, null, p, 500))));
    }

    // ---------- reps and their assignments

    private record RepRow(int row, String repId, RepService.RepInput rep, RepService.AssignmentInput assignment) {
    }

    public Imported importReps(Tables.Format format, byte[] body) {
        visibility.requireUnrestricted("rep import");
        List<Tables.Line> lines = Tables.read(format, body, List.of("repId", "capacity"), REP_COLUMNS);
        Errors errors = new Errors();
        Map<String, RepRow> firstOfRep = new LinkedHashMap<>();
        List<RepRow> assignments = new ArrayList<>();
        for (Tables.Line l : lines) {
            RepRow r = new RepRow(l.row(), id(l, "repId", true, errors), new RepService.RepInput(text(l, "nameZh", 200, errors),
                    text(l, "nameEn", 200, errors), integer(l, "capacity", 0, RepService.MAX_CAPACITY, true, errors),
                    choice(l, "status", List.of("ACTIVE", "INACTIVE"), errors)), assignment(l, errors));
            if (r.repId() == null) {
                continue;
            }
            RepRow first = firstOfRep.putIfAbsent(r.repId(), r);
            if (first != null && !first.rep().equals(r.rep())) {
                errors.add(l.row(), "nameZh", "rep " + r.repId() + " has other names, capacity or status on row "
                        + first.row() + ": one rep, one set of details");
            }
            if (r.assignment() != null) {
                assignments.add(r);
                if (territories.findById(r.assignment().territoryId()) == null) {
                    errors.add(l.row(), "territoryId", "territory " + r.assignment().territoryId() + " does not exist");
                }
            }
        }
        errors.throwIfAny();
        for (RepRow r : firstOfRep.values()) {
            errors.apply(r.row(), () -> {
                if (repEntities.findByIdOptional(r.repId()).isEmpty()) {
                    reps.create(r.repId(), r.rep());
                } else {
                    reps.update(r.repId(), reps.get(r.repId()).version(), r.rep());
                }
            });
        }
        errors.throwIfAny();
        // regular assignments before the covers that stand in for them, each by date
        assignments.sort(Comparator.comparing((RepRow r) -> r.assignment().coverFor() != null)
                .thenComparing(r -> r.assignment().effectiveFrom()));
        int recorded = 0;
        for (RepRow r : assignments) {
            if (errors.apply(r.row(), () -> record(r))) {
                recorded++;
            }
        }
        errors.throwIfAny();
        return new Imported(firstOfRep.size() + recorded, null);
    }

    /** Records an assignment row unless the same record exists; an open one with the row's end date is ended. */
    private void record(RepRow r) {
        RepService.AssignmentInput a = r.assignment();
        for (RepAssignmentView.Recorded e : reps.assignments(r.repId()).assignments()) {
            if (e.territoryId().equals(a.territoryId()) && e.role().equals(a.role().name())
                    && e.effectiveFrom().equals(a.effectiveFrom()) && Objects.equals(e.coverFor(), a.coverFor())) {
                if (Objects.equals(e.effectiveTo(), a.effectiveTo())) {
                    return; // already recorded: a file exported and imported again changes nothing
                }
                if (e.effectiveTo() != null || a.effectiveTo() == null) {
                    throw ProblemException.unprocessable("effectiveTo", "assignment records are never rewritten: this one"
                            + " ends " + e.effectiveTo() + ", the file says " + a.effectiveTo());
                }
                reps.end(r.repId(), e.id(), a.effectiveTo());
                return;
            }
        }
        reps.assign(r.repId(), a);
    }

    private static RepService.AssignmentInput assignment(Tables.Line l, Errors errors) {
        String territory = id(l, "territoryId", false, errors);
        if (territory == null) {
            for (String c : List.of("role", "effectiveFrom", "effectiveTo", "coverFor")) {
                if (l.get(c) != null) {
                    errors.add(l.row(), "territoryId", "an assignment (" + c + ") needs its territoryId");
                    break;
                }
            }
            return null;
        }
        RepRole role = enumCell(l, "role", RepRole.class, true, errors);
        LocalDate from = date(l, "effectiveFrom", true, errors);
        LocalDate to = date(l, "effectiveTo", false, errors);
        String coverFor = id(l, "coverFor", false, errors);
        String note = text(l, "note", 500, errors);
        return role == null || from == null ? null
                : new RepService.AssignmentInput(territory, role, from, to, coverFor, note);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] exportReps(Tables.Format format) {
        List<List<String>> rows = new ArrayList<>();
        for (RepView rep : allPages(p -> reps.list(p, 500))) {
            List<String> details = Arrays.asList(rep.id(), rep.nameZh(), rep.nameEn(), Integer.toString(rep.capacity()),
                    rep.status());
            List<RepAssignmentView.Recorded> held = reps.assignments(rep.id()).assignments().stream()
                    .filter(a -> visibility.sees(a.territoryId())).toList();
            if (held.isEmpty()) {
                rows.add(concat(details, Arrays.asList(null, null, null, null, null, null)));
            }
            for (RepAssignmentView.Recorded a : held) {
                rows.add(concat(details, Arrays.asList(a.territoryId(), a.role(), a.effectiveFrom().toString(),
                        a.effectiveTo() == null ? null : a.effectiveTo().toString(), a.coverFor(), a.note())));
            }
        }
        return Tables.write(format, "reps", REP_COLUMNS, rows);
    }

    // ---------- cells

    private static String id(Tables.Line l, String column, boolean required, Errors errors) {
        String v = l.get(column);
        if (v == null) {
            if (required) {
                errors.add(l.row(), column, column + " is required");
            }
            return null;
        }
        if (!NodeKey.ID.matcher(v).matches()) {
            errors.add(l.row(), column, column + " is 1 to 64 of A-Z a-z 0-9 _ . : -");
            return null;
        }
        return v;
    }

    private static String text(Tables.Line l, String column, int max, Errors errors) {
        String v = l.get(column);
        if (v != null && v.length() > max) {
            errors.add(l.row(), column, column + " is at most " + max + " characters");
            return null;
        }
        return v;
    }

    private static String choice(Tables.Line l, String column, List<String> allowed, Errors errors) {
        String v = l.get(column);
        if (v != null && !allowed.contains(v)) {
            errors.add(l.row(), column, column + " is one of " + allowed);
            return null;
        }
        return v;
    }

    private static <E extends Enum<E>> E enumCell(Tables.Line l, String column, Class<E> type, boolean required,
                                                  Errors errors) {
        String v = l.get(column);
        if (v == null) {
            if (required) {
                errors.add(l.row(), column, column + " is required");
            }
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(l.row(), column, column + " is one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    private static Integer integer(Tables.Line l, String column, int min, int max, boolean required, Errors errors) {
        String v = l.get(column);
        if (v == null) {
            if (required) {
                errors.add(l.row(), column, column + " is required");
            }
            return null;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        errors.add(l.row(), column, column + " is a whole number from " + min + " to " + max);
        return null;
    }

    private static BigDecimal decimal(Tables.Line l, String column, Errors errors) {
        String v = l.get(column);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.signum() >= 0 && d.scale() <= 2 && d.precision() - d.scale() <= 18) {
                return d;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        errors.add(l.row(), column, column + " is a decimal >= 0 with at most 18 digits and 2 decimals, e.g. 88000000.00");
        return null;
    }

    private static LocalDate date(Tables.Line l, String column, boolean required, Errors errors) {
        String v = l.get(column);
        if (v == null) {
            if (required) {
                errors.add(l.row(), column, column + " is required");
            }
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(v);
            if (!d.isBefore(FIRST_DAY) && !d.isAfter(LAST_DAY)) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        errors.add(l.row(), column, column + " is a date yyyy-MM-dd from " + FIRST_DAY + " to " + LAST_DAY);
        return null;
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static <T> List<T> allPages(Function<Integer, Page<T>> page) {
        List<T> all = new ArrayList<>();
        for (int p = 0; ; p++) {
            List<T> items = page.apply(p).items();
            all.addAll(items);
            if (items.size() < 500) {
                return all;
            }
        }
    }

    /** The problems of one file, by row and column. */
    private static final class Errors {
        private final List<Tables.RowError> list = new ArrayList<>();

        void add(int row, String column, String message) {
            list.add(new Tables.RowError(row, column, message));
        }

        boolean none() {
            return list.isEmpty();
        }

        /**
         * Applies one row through the services; a rule they refuse becomes this row's error (the column is the field
         * they name). After a first refusal the transaction only rolls back, so no later row is applied.
         */
        boolean apply(int row, Runnable change) {
            return list.isEmpty() && check(row, change);
        }

        /** Runs a read-only check of one row; a refusal is this row's error, and the next rows are still checked. */
        boolean check(int row, Runnable change) {
            try {
                change.run();
                return true;
            } catch (ProblemException e) {
                list.add(new Tables.RowError(row, e.toProblem().field() == null ? "id" : e.toProblem().field(), e.getMessage()));
                return false;
            }
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw new Tables.Rejected(list);
            }
        }
    }
}
