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
import io.quota.target.domain.TerritoryLevel;
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
            created = Plan.create(draft, scope.directory(), actor, now);
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
        cells.insert(plan.id(), first.number(), created.cells());
        audit.record(new AuditEntry(now, actor, "PLAN_CREATED", plan.id(), first.number(),
                "total " + plan.total().toPlainString() + " " + plan.unit().code() + ", " + first.cellCount() + " cells"));
        return new Created(plan, false);
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

    /** A version's cells; a scoped caller gets only those in its scope. */
    public Page<Cell> cells(String planId, int version, String territory, int page, int size) {
        TerritoryFilter filter = scope.ofPlan(planId);
        requireVersion(stored(planId), version);
        return new Page<>(cells.page(planId, version, territory, filter, page, size),
                cells.count(planId, version, territory, filter));
    }

    /**
     * Sums of a version's cells by territory and/or month; they add up to the version's total, or for a scoped
     * caller to the total of the cells in its scope (a sum over territories it may not see is never shown).
     */
    public List<Subtotal> rollup(String planId, int version, boolean byTerritory, boolean byMonth) {
        TerritoryFilter filter = scope.ofPlan(planId);
        Plan plan = stored(planId);
        requireVersion(plan, version);
        if (byTerritory && plan.levels().stream().noneMatch(l -> l instanceof TerritoryLevel)) {
            throw ProblemException.unprocessable("by", "plan " + planId + " has no TERRITORY level");
        }
        return cells.rollup(planId, version, byTerritory, byMonth, filter);
    }

    @Transactional
    public Plan submit(String planId, int version, String ifMatch) {
        return transition(planId, version, ifMatch, "VERSION_SUBMITTED", (plan, actor, now) -> plan.submit(version, actor, now));
    }

    /**
     * Approval publishes: PlanPublished and one TargetAllocated per cell go to the outbox in this transaction.
     * The version's author may not approve it (403), not even an admin.
     * A plan may have up to {@link Plan#MAX_CELLS} cells, one outbox row each: allow more than the default minute.
     */
    @Transactional
    @TransactionConfiguration(timeout = 600)
    public Plan approve(String planId, int version, String ifMatch) {
        return transition(planId, version, ifMatch, "VERSION_APPROVED", (plan, actor, now) -> {
            PlanVersion v = plan.approve(version, actor, now);
            outbox.publishAll(PlanEvents.publication(plan, v, cells.all(planId, version), now));
            return v;
        });
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
        scope.ofPlan(planId); // out of scope: missing, before anything about it (ETag, status) is revealed
        Plan plan = plans.lock(planId).orElseThrow(() -> ProblemException.notFound("plan", planId));
        if (ifMatch != null && !"*".equals(ifMatch.strip()) && !etag(plan).equals(ifMatch.strip())) {
            throw new ProblemException(412, "Precondition failed",
                    "plan " + planId + " changed since you read it; its ETag is now " + etag(plan), "If-Match");
        }
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
        plans.saveVersion(planId, moved);
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
