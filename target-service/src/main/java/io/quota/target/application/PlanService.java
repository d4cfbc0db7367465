package io.quota.target.application;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quota.platform.outbox.Outbox;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.target.domain.AuthorMayNotApprove;
import io.quota.target.domain.AuditEntry;
import io.quota.target.domain.Cell;
import io.quota.target.domain.IllegalTransition;
import io.quota.target.domain.Plan;
import io.quota.target.domain.PlanDraft;
import io.quota.target.domain.PlanRuleViolation;
import io.quota.target.domain.PlanVersion;
import io.quota.target.domain.Subtotal;
import io.quota.target.domain.CellChange;
import io.quota.target.domain.Commitment;
import io.quota.target.domain.ReconciledNode;
import io.quota.target.domain.CarryForward;
import io.quota.target.domain.Reallocation;
import io.quota.target.domain.RollupGroups;
import io.quota.target.domain.PlanningData;
import io.quota.contracts.Dimension;
import io.quota.target.persistence.CellFilter;
import io.quota.target.persistence.ProfileStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.LocalDate;
import java.util.Map;
import io.quota.target.persistence.AuditLog;
import io.quota.target.persistence.CellStore;
import io.quota.target.persistence.IdempotencyKeys;
import io.quota.target.persistence.PlanStore;
import io.quota.target.persistence.TerritoryFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The plan use cases; each write is one transaction (state, cells, audit and outbox together). Every change is
 * made by the caller (its token subject); every read and change of a plan sees only what the caller's scope
 * admits (PlanScope): a plan out of scope is missing.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class PlanService {
    @Inject
    PlanStore plans;
    @Inject
    CellStore cells;
    @Inject
    PlanScope scope;
    @Inject
    IdempotencyKeys idempotencyKeys;
    @Inject
    AuditLog audit;
    @Inject
    Outbox outbox;
    @Inject
    CallerScope caller;
    @Inject
    Clock clock;
    @Inject
    ProfileStore profiles;
    @Inject
    KpiActuals kpi;
    @Inject
    io.quota.target.persistence.CommitmentStore commitments;

    /** The cap on a plan's cells, checked before anything is written. */
    @ConfigProperty(name = "quota.target.max-cells", defaultValue = "5000000")
    long maxCells;

    /** The plan a create answered with; {@code replayed} when an Idempotency-Key repeat found an earlier one. */
    public record Created(Plan plan, boolean replayed) {
    }

    /** A page of something and how many there are in all. */
    public record Page<T>(List<T> items, long total) {
    }

    /**
     * Drafts a plan with version 1 and its cells. With an Idempotency-Key, a repeat of the same request returns
     * the plan the first one created; the key with a different request is refused.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Created create(PlanDraft draft, String idempotencyKey, String requestHash) {
        String actor = caller.actor();
        if (idempotencyKey != null) {
            Optional<IdempotencyKeys.Claim> earlier = idempotencyKeys.find(actor, idempotencyKey);
            if (earlier.isPresent()) {
                return replay(earlier.get(), requestHash);
            }
        }
        Instant now = clock.instant();
        Plan.NewPlan created;
        try {
            created = Plan.create(draft, planningData(), actor, now, maxCells);
        } catch (PlanRuleViolation v) {
            throw ProblemException.unprocessable(v.field(), v.getMessage());
        }
        Plan plan = created.plan();
        if (idempotencyKey != null) {
            // a concurrent first request with the same key may have claimed it meanwhile
            Optional<IdempotencyKeys.Claim> raced = idempotencyKeys.claim(actor, idempotencyKey, requestHash, plan.id());
            if (raced.isPresent()) {
                return replay(raced.get(), requestHash);
            }
        }
        if (!plans.insert(plan)) {
            throw ProblemException.conflict("plan " + plan.id() + " exists already");
        }
        PlanVersion first = plan.versions().get(0);
        writeCells(plan, first, plan.total());
        audit.record(new AuditEntry(now, actor, "PLAN_CREATED", plan.id(), first.number(),
                "total " + plan.total().toPlainString() + " " + plan.unit().code() + ", " + first.cellCount() + " cells"));
        return new Created(plan, false);
    }

    /** What drafting may read, as this caller: the replica within its scope, profiles, kpi-service's actuals. */
    private PlanningData planningData() {
        return new ServicePlanningData(scope.directory(), profiles, kpi);
    }

    /**
     * Streams a version's decomposition into its cells (COPY). A rule broken under some parent (MANUAL sums, pins)
     * surfaces here as a 422 and rolls the whole transaction back: nothing is half written.
     */
    private void writeCells(Plan plan, PlanVersion version, java.math.BigDecimal total) {
        long written;
        try {
            written = cells.write(plan.id(), version.number(), plan.decomposition(total));
        } catch (PlanRuleViolation v) {
            throw ProblemException.unprocessable(v.field(), v.getMessage());
        }
        if (written != version.cellCount()) {
            throw new IllegalStateException("wrote " + written + " cells, counted " + version.cellCount());
        }
    }

    private Created replay(IdempotencyKeys.Claim earlier, String requestHash) {
        if (!earlier.requestHash().equals(requestHash)) {
            throw ProblemException.unprocessable("Idempotency-Key", "this Idempotency-Key was used for a different request");
        }
        // the key is the caller's own (IdempotencyKeys), so the plan is the one this caller created
        return new Created(stored(earlier.planId()), true);
    }

    /** The plan, if the caller's scope shows it; 404 otherwise, as for a missing one. */
    public Plan get(String id) {
        scope.ofPlan(id);
        return stored(id);
    }

    /** The plans in the caller's scope, in id order. */
    public Page<Plan> list(int page, int size) {
        TerritoryFilter filter = scope.ofLists();
        return new Page<>(plans.page(page, size, filter), plans.count(filter));
    }

    /** A version's cells matching the dimension filters and period; a scoped caller gets only those in its scope. */
    public Page<Cell> cells(String planId, int version, Map<Dimension, String> members, LocalDate from, LocalDate to,
                            int page, int size) {
        TerritoryFilter filter = scope.ofPlan(planId);
        requireVersion(stored(planId), version);
        CellFilter which = new CellFilter(members, from, to);
        return new Page<>(cells.page(planId, version, which, filter, page, size),
                cells.count(planId, version, which, filter));
    }

    /** A roll-up page and the sum over every group of it (not only the page). */
    public record Rollup(List<Subtotal> items, long groups, java.math.BigDecimal total) {
    }

    /**
     * Sums of a version's cells per group (RollupGroups); they add up to the version's total, or for a scoped
     * caller to the total of the cells in its scope (a sum over territories it may not see is never shown).
     */
    public Rollup rollup(String planId, int version, List<String> by, Map<Dimension, String> members, LocalDate from,
                         LocalDate to, int page, int size) {
        TerritoryFilter filter = scope.ofPlan(planId);
        Plan plan = stored(planId);
        requireVersion(plan, version);
        try {
            RollupGroups.check(plan, by);
        } catch (PlanRuleViolation v) {
            throw ProblemException.unprocessable(v.field(), v.getMessage());
        }
        CellFilter which = new CellFilter(members, from, to);
        List<Subtotal> items = cells.rollup(planId, version, by, plan.fiscalYearStartMonth(), which, filter, page, size);
        long groups = cells.groups(planId, version, by, plan.fiscalYearStartMonth(), which, filter);
        java.math.BigDecimal total = cells.total(planId, version, which, filter);
        return new Rollup(items, groups, total);
    }

    @Transactional
    public Plan submit(String planId, int version, String ifMatch) {
        return transition(planId, version, ifMatch, "VERSION_SUBMITTED", (plan, actor, now) -> plan.submit(version, actor, now));
    }

    /**
     * Approval publishes, in this transaction: PlanPublished first (kpi-service learns the cell count), then one
     * outbox row that the relay expands into a TargetAllocated per cell (VersionCellsExpander), however many.
     * The version published before is SUPERSEDED. The version's author may not approve it (403), not even an admin.
     */
    @Transactional
    public Plan approve(String planId, int version, String ifMatch) {
        return transition(planId, version, ifMatch, "VERSION_APPROVED", (plan, actor, now) -> {
            PlanVersion v = plan.approve(version, actor, now);
            outbox.publish(PlanEvents.published(plan, v, now));
            outbox.publishExpansion(VersionCellsExpander.NAME, planId, VersionCellsExpander.payload(
                    new VersionCellsExpander.Payload(planId, version, plan.unit().code(), plan.unit().minorUnit(), now)));
            return v;
        });
    }

    /**
     * An approver withdraws a published version: PlanWithdrawn (kpi-service makes the version before it active
     * again, and so does this service: the version it superseded is APPROVED again).
     */
    @Transactional
    public Plan recall(String planId, int version, String reason, String ifMatch) {
        return transition(planId, version, ifMatch, "VERSION_RECALLED", (plan, actor, now) -> {
            PlanVersion v = plan.recall(version);
            outbox.publish(PlanEvents.withdrawn(plan, v, reason, now));
            return v;
        });
    }

    /**
     * A new DRAFT version (a scenario) from an existing one: a copy of its cells, or, with a new total, the plan's
     * levels decomposed again for that total.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Plan newVersion(String planId, int from, java.math.BigDecimal total, String note, String ifMatch) {
        Plan plan = lockedInScope(planId, ifMatch);
        PlanVersion source = plan.version(from).orElseThrow(() -> ProblemException.notFound("version", planId + "/" + from));
        if (total != null && !plan.unit().fits(total)) {
            throw ProblemException.unprocessable("total", "the total has " + total.scale() + " decimals; "
                    + plan.unit().code() + " allows " + plan.unit().minorUnit());
        }
        String actor = caller.actor();
        Instant now = clock.instant();
        String why = note != null ? note : total == null ? "copy of version " + from
                : "version " + from + "'s levels for a total of " + total.toPlainString();
        PlanVersion v = plan.newVersion(from, source.cellCount(), total == null ? source.total()
                : plan.unit().normalise(total), why, actor, now);
        plans.insertVersion(planId, v);
        if (total == null) {
            cells.copy(planId, from, v.number());
        } else {
            writeCells(plan, v, plan.unit().normalise(total));
        }
        plans.touch(planId);
        audit.record(new AuditEntry(now, actor, "VERSION_CREATED", planId, v.number(), why));
        return stored(planId);
    }

    /**
     * A new DRAFT version from {@code from} with amounts moved between cells (periods or members): the total is
     * unchanged, no cell goes below zero, and the note says what moved.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Plan reallocate(String planId, int from, List<Reallocation.Move> moves, String note, String ifMatch) {
        Plan plan = lockedInScope(planId, ifMatch);
        requireVersion(plan, from);
        List<String> keys = new java.util.ArrayList<>();
        moves.forEach(m -> {
            keys.add(m.from());
            keys.add(m.to());
        });
        Map<String, java.math.BigDecimal> deltas;
        try {
            deltas = Reallocation.deltas(moves, cells.amounts(planId, from, keys), plan.unit(), plan.metric().derived());
        } catch (PlanRuleViolation v) {
            throw ProblemException.unprocessable(v.field(), v.getMessage());
        }
        java.math.BigDecimal moved = moves.stream().map(Reallocation.Move::amount).reduce(java.math.BigDecimal.ZERO,
                java.math.BigDecimal::add);
        String why = (note == null ? "" : note + ": ") + "reallocation of " + moves.size() + " move(s), "
                + plan.unit().normalise(moved).toPlainString() + " " + plan.unit().code() + " moved between cells";
        return derive(plan, from, deltas, java.math.BigDecimal.ZERO, why, "VERSION_REALLOCATED");
    }

    /**
     * A new DRAFT version from {@code from} where each node's miss up to {@code through} (target - actual, from
     * kpi-service) is spread over its remaining periods (CarryForward). 503 and nothing written when kpi-service
     * is down.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Plan carryForward(String planId, int from, LocalDate through, String note, String ifMatch) {
        Plan plan = lockedInScope(planId, ifMatch);
        requireVersion(plan, from);
        if (plan.metric().derived()) {
            throw ProblemException.unprocessable("through", "a derived KPI's rate is not carried forward");
        }
        if (through.isBefore(plan.period().start()) || !through.isBefore(plan.period().end())) {
            throw ProblemException.unprocessable("through", "must lie inside the plan period " + plan.period()
                    + " and leave periods to carry into");
        }
        List<String> dims = plan.levels().stream().map(l -> l.dimension())
                .filter(d -> d != Dimension.TIME).map(Dimension::param).sorted(java.util.Comparator.comparing(
                        p -> Dimension.fromParam(p).ordinal())).toList();
        Map<String, java.math.BigDecimal> actual = new java.util.HashMap<>();
        for (KpiActuals.Total t : kpi.totals(plan.metric(), plan.period().start(), through, dims, Map.of())) {
            StringBuilder node = new StringBuilder();
            for (String d : dims) {
                node.append(node.isEmpty() ? "" : "~").append(d).append('=').append(t.members().get(d));
            }
            actual.merge(node.toString(), t.value(), java.math.BigDecimal::add);
        }
        Map<String, java.math.BigDecimal> target = cells.pastByNode(planId, from, through);
        Map<String, java.math.BigDecimal> additions = CarryForward.additions(target, actual,
                cells.remainingByNode(planId, from, through), plan.unit());
        java.math.BigDecimal carried = additions.values().stream().reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add);
        String why = (note == null ? "" : note + ": ") + "carry-forward through " + through + ": "
                + plan.unit().normalise(carried).toPlainString() + " " + plan.unit().code() + " missed (kpi-service actuals)"
                + " spread over the remaining periods of " + additions.size() + " cell(s)";
        return derive(plan, from, additions, carried, why, "VERSION_CARRIED_FORWARD");
    }

    /** A new draft: a copy of {@code from} with per-cell changes, its total moved by {@code totalChange}. */
    private Plan derive(Plan plan, int from, Map<String, java.math.BigDecimal> deltas, java.math.BigDecimal totalChange,
                        String why, String action) {
        PlanVersion source = plan.existing(from);
        String actor = caller.actor();
        Instant now = clock.instant();
        PlanVersion v = plan.newVersion(from, source.cellCount(), plan.unit().normalise(source.total().add(totalChange)),
                why, actor, now);
        plans.insertVersion(plan.id(), v);
        cells.copy(plan.id(), from, v.number());
        cells.add(plan.id(), v.number(), deltas);
        plans.touch(plan.id());
        audit.record(new AuditEntry(now, actor, action, plan.id(), v.number(), why));
        return stored(plan.id());
    }

    /**
     * Bottom-up: the caller commits amounts to cells of a version, each within its scope (a rep only to cells of
     * its territories: another cell is unknown to it, 422 naming the item).
     */
    @Transactional
    public Page<Commitment> commit(String planId, int version, Map<String, java.math.BigDecimal> amounts) {
        TerritoryFilter filter = scope.ofPlan(planId);
        Plan plan = stored(planId);
        requireVersion(plan, version);
        Map<String, java.math.BigDecimal> known = cells.amounts(planId, version, List.copyOf(amounts.keySet()));
        List<Cell> inScope = new java.util.ArrayList<>();
        int i = 0;
        for (Map.Entry<String, java.math.BigDecimal> a : amounts.entrySet()) {
            String field = "items[" + i++ + "]";
            io.quota.contracts.NodeKey key = known.containsKey(a.getKey()) ? io.quota.contracts.NodeKey.parse(a.getKey()) : null;
            if (key == null || !filter.admits(key.member(Dimension.TERRITORY))) {
                throw ProblemException.unprocessable(field + ".cellKey", "no such cell in version " + version
                        + " within your scope: " + a.getKey());
            }
            if (a.getValue().stripTrailingZeros().scale() > plan.unit().minorUnit()) {
                throw ProblemException.unprocessable(field + ".amount", "more decimals than " + plan.unit().code()
                        + " allows (" + plan.unit().minorUnit() + ")");
            }
            inScope.add(new Cell(key, a.getValue()));
        }
        Instant now = clock.instant();
        commitments.upsert(planId, version, amounts, caller.actor(), now);
        audit.record(new AuditEntry(now, caller.actor(), "COMMITMENTS", planId, version, inScope.size() + " cell(s)"));
        return commitments(planId, version, 0, 500);
    }

    public Page<Commitment> commitments(String planId, int version, int page, int size) {
        TerritoryFilter filter = scope.ofPlan(planId);
        requireVersion(stored(planId), version);
        return new Page<>(commitments.page(planId, version, filter, page, size), commitments.count(planId, version, filter));
    }

    /** Top-down vs bottom-up per roll-up node, with the gap (scoped, paged). */
    public Page<ReconciledNode> reconciliation(String planId, int version, List<String> by, int page, int size) {
        TerritoryFilter filter = scope.ofPlan(planId);
        Plan plan = stored(planId);
        requireVersion(plan, version);
        try {
            RollupGroups.check(plan, by);
        } catch (PlanRuleViolation v) {
            throw ProblemException.unprocessable(v.field(), v.getMessage());
        }
        return new Page<>(commitments.reconcile(planId, version, by, plan.fiscalYearStartMonth(), filter, page, size),
                cells.groups(planId, version, by, plan.fiscalYearStartMonth(), CellFilter.ALL, filter));
    }

    /** The cell table of a version (scoped): at most {@code max} cells, else 422 (use the paged cells). */
    public List<List<String>> cellTable(String planId, int version, int max) {
        TerritoryFilter filter = scope.ofPlan(planId);
        Plan plan = stored(planId);
        requireVersion(plan, version);
        long n = cells.count(planId, version, CellFilter.ALL, filter);
        if (n > max) {
            throw ProblemException.unprocessable("version", "version " + version + " has " + n + " cells; a file holds at"
                    + " most " + max + ": read the paged cells with filters instead");
        }
        List<List<String>> rows = new java.util.ArrayList<>();
        for (Cell c : cells.page(planId, version, CellFilter.ALL, filter, 0, (int) Math.max(n, 1))) {
            List<String> row = new java.util.ArrayList<>(List.of(c.cellKey()));
            for (Dimension d : Dimension.values()) {
                if (d != Dimension.TIME) {
                    row.add(c.key().member(d));
                }
            }
            row.add(c.key().from().toString());
            row.add(c.key().to().toString());
            row.add(plan.unit().normalise(c.amount()).toPlainString());
            rows.add(row);
        }
        return rows;
    }

    /**
     * New amounts for a DRAFT version's cells from a table; the total becomes their sum. Every bad row is listed
     * (TableRows.Rejected) and nothing is written.
     */
    @Transactional
    public Plan importCells(String planId, int version, List<List<String>> rows, String ifMatch) {
        Plan plan = lockedInScope(planId, ifMatch);
        requireVersion(plan, version);
        try {
            plan.existing(version).requireDraft("import into");
        } catch (IllegalTransition e) {
            throw ProblemException.conflict(e.getMessage());
        }
        TerritoryFilter filter = scope.ofPlan(planId);
        java.util.Set<String> known = new java.util.HashSet<>();
        cells.page(planId, version, CellFilter.ALL, filter, 0, Integer.MAX_VALUE).forEach(c -> known.add(c.cellKey()));
        Map<String, java.math.BigDecimal> amounts = io.quota.target.domain.TableRows.cellAmounts(rows, known, plan.unit());
        Map<String, java.math.BigDecimal> now = cells.amounts(planId, version, List.copyOf(amounts.keySet()));
        Map<String, java.math.BigDecimal> deltas = new java.util.LinkedHashMap<>();
        amounts.forEach((k, a) -> deltas.put(k, a.subtract(now.get(k))));
        cells.add(planId, version, deltas);
        java.math.BigDecimal total = cells.total(planId, version, CellFilter.ALL, TerritoryFilter.EVERY);
        plans.updateTotal(planId, version, total);
        plans.touch(planId);
        audit.record(new AuditEntry(clock.instant(), caller.actor(), "CELLS_IMPORTED", planId, version,
                amounts.size() + " cell(s) from a file; total now " + plan.unit().normalise(total).toPlainString()));
        return stored(planId);
    }

    /** Cells whose amount differs between two versions, one page in cell-key order (scoped). */
    public Page<CellChange> diff(String planId, int from, int to, int page, int size) {
        TerritoryFilter filter = scope.ofPlan(planId);
        Plan plan = stored(planId);
        requireVersion(plan, from);
        requireVersion(plan, to);
        return new Page<>(cells.diff(planId, from, to, filter, page, size), cells.diffCount(planId, from, to, filter));
    }

    /** One roll-up group in two versions (null where a version has no such group). */
    public record GroupChange(Map<String, String> members, java.math.BigDecimal from, java.math.BigDecimal to) {
    }

    public record RollupDiff(List<GroupChange> items, long groups) {
    }

    /** Roll-up groups whose sums differ between two versions (at most 10,000 groups compared), one page. */
    public RollupDiff rollupDiff(String planId, int from, int to, List<String> by, int page, int size) {
        TerritoryFilter filter = scope.ofPlan(planId);
        Plan plan = stored(planId);
        requireVersion(plan, from);
        requireVersion(plan, to);
        try {
            RollupGroups.check(plan, by);
        } catch (PlanRuleViolation v) {
            throw ProblemException.unprocessable(v.field(), v.getMessage());
        }
        Map<Map<String, String>, java.math.BigDecimal[]> merged = new java.util.TreeMap<>(
                java.util.Comparator.comparing(Object::toString));
        int side = 0;
        for (int v : new int[]{from, to}) {
            final int s = side++;
            for (Subtotal sub : cells.rollup(planId, v, by, plan.fiscalYearStartMonth(), CellFilter.ALL, filter, 0,
                    MAX_DIFF_GROUPS)) {
                merged.computeIfAbsent(sub.members(), k -> new java.math.BigDecimal[2])[s] = sub.amount();
            }
        }
        List<GroupChange> changed = merged.entrySet().stream()
                .filter(e -> e.getValue()[0] == null || e.getValue()[1] == null || e.getValue()[0].compareTo(e.getValue()[1]) != 0)
                .map(e -> new GroupChange(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
        int first = (int) Math.min((long) page * size, changed.size());
        return new RollupDiff(changed.subList(first, Math.min(changed.size(), first + size)), changed.size());
    }

    static final int MAX_DIFF_GROUPS = 10_000;

    /** The plan under its row lock, after the scope and If-Match checks (404 / 412). */
    private Plan lockedInScope(String planId, String ifMatch) {
        scope.ofPlan(planId); // out of scope: missing, before anything about it (ETag, status) is revealed
        Plan plan = plans.lock(planId).orElseThrow(() -> ProblemException.notFound("plan", planId));
        if (ifMatch != null && !"*".equals(ifMatch.strip()) && !etag(plan).equals(ifMatch.strip())) {
            throw new ProblemException(412, "Precondition failed",
                    "plan " + planId + " changed since you read it; its ETag is now " + etag(plan), "If-Match");
        }
        return plan;
    }

    public Page<AuditEntry> audit(String planId, int page, int size) {
        scope.ofPlan(planId);
        stored(planId);
        return new Page<>(audit.of(planId, page, size), audit.count(planId));
    }

    /** The ETag of a plan (quoted, as in the header): its revision. If-Match is compared with it. */
    public static String etag(Plan plan) {
        return "\"" + plan.revision() + "\"";
    }

    @FunctionalInterface
    private interface Move {
        PlanVersion apply(Plan plan, String actor, Instant now);
    }

    /** Moves a version under the plan's row lock, so two moves of one plan never interleave. */
    private Plan transition(String planId, int version, String ifMatch, String action, Move move) {
        Plan plan = lockedInScope(planId, ifMatch);
        requireVersion(plan, version);
        String actor = caller.actor();
        Instant now = clock.instant();
        PlanVersion moved;
        try {
            moved = move.apply(plan, actor, now);
        } catch (IllegalTransition e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (AuthorMayNotApprove e) {
            throw new ProblemException(403, "Forbidden", e.getMessage(), null);
        }
        plans.saveVersions(plan);
        audit.record(new AuditEntry(now, actor, action, planId, version, "status " + moved.status()));
        return stored(planId);
    }

    private Plan stored(String id) {
        return plans.find(id).orElseThrow(() -> ProblemException.notFound("plan", id));
    }

    private static void requireVersion(Plan plan, int version) {
        if (plan.version(version).isEmpty()) {
            throw ProblemException.notFound("version", plan.id() + "/" + version);
        }
    }
}
