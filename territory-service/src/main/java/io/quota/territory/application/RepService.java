package io.quota.territory.application;

import io.quota.contracts.events.RepAssignmentChanged;
import io.quota.platform.outbox.Outbox;
import io.quota.platform.problem.ProblemException;
import io.quota.territory.domain.TerritoryNames;
import io.quota.territory.domain.TerritoryRuleViolation;
import io.quota.territory.domain.assignments.DateSpan;
import io.quota.territory.domain.assignments.RepAssignment;
import io.quota.territory.domain.assignments.RepRole;
import io.quota.territory.domain.assignments.RepRoster;
import io.quota.territory.persistence.RepAssignmentEntity;
import io.quota.territory.persistence.RepEntity;
import io.quota.territory.persistence.Repositories;
import io.quota.territory.persistence.TerritoryEntity;
import io.quota.territory.persistence.TerritoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reps (销售代表) and their territory assignments. Assignments are recorded, never rewritten (an open one may be
 * ended once); a cover for leave is its own record. Every change publishes the rep's whole effective history as
 * RepAssignmentChanged (and the covered rep's, whose history a cover cuts). A scoped caller sees reps holding a
 * territory in its scope, and assigns only to territories in it.
 */
@ApplicationScoped
@Transactional
public class RepService {
    static final String ENTITY_TYPE = "rep";
    public static final int MAX_CAPACITY = 100_000;

    @Inject
    Repositories.Reps reps;
    @Inject
    Repositories.RepAssignments assignments;
    @Inject
    TerritoryRepository territories;
    @Inject
    Outbox outbox;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentActor actor;
    @Inject
    Visibility visibility;

    public record RepInput(String nameZh, String nameEn, Integer capacity, String status) {
    }

    public record AssignmentInput(String territoryId, RepRole role, LocalDate effectiveFrom, LocalDate effectiveTo,
                                  String coverFor, String note) {
    }

    public RepView create(String id, RepInput input) {
        String who = actor.name();
        if (reps.findByIdOptional(id).isPresent()) {
            throw ProblemException.conflict("rep " + id + " already exists");
        }
        Instant now = Clock.now();
        RepEntity e = new RepEntity();
        e.id = id;
        e.createdAt = now;
        e.createdBy = who;
        write(e, input, now, who);
        reps.persistAndFlush(e);
        RepView view = RepView.of(e);
        audit.record(ENTITY_TYPE, id, "CREATED", who, now, Map.of("after", view));
        return view;
    }

    public RepView update(String id, long expectedVersion, RepInput input) {
        String who = actor.name();
        RepEntity e = visible(id);
        if (e.version != expectedVersion) {
            throw new ProblemException(412, "Precondition failed", "rep " + id + " is at version " + e.version
                    + ", not " + expectedVersion + ": read it again and retry", "If-Match");
        }
        RepView before = RepView.of(e);
        Instant now = Clock.now();
        write(e, input, now, who);
        reps.flush();
        RepView after = RepView.of(e);
        if (after.version() != before.version()) {
            audit.record(ENTITY_TYPE, id, "UPDATED", who, now, Map.of("before", before, "after", after));
        }
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RepView get(String id) {
        return RepView.of(visible(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RepView> list(int page, int size) {
        if (visibility.scopeRoots() == null) {
            var q = reps.find("order by id");
            return new Page<>(q.page(io.quarkus.panache.common.Page.of(page, size)).list().stream().map(RepView::of)
                    .toList(), page, size, q.count());
        }
        List<RepView> all = reps.listAll(io.quarkus.panache.common.Sort.by("id")).stream().filter(this::sees)
                .map(RepView::of).toList();
        int from = Math.min(all.size(), page * size);
        return new Page<>(all.subList(from, Math.min(all.size(), from + size)), page, size, all.size());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RepAssignmentView assignments(String repId) {
        visible(repId);
        return view(repId);
    }

    public RepAssignmentView assign(String repId, AssignmentInput input) {
        String who = actor.name();
        RepEntity rep = visible(repId);
        TerritoryEntity territory = territories.findByIdOptional(input.territoryId())
                .filter(t -> visibility.sees(t.id)).orElseThrow(() -> ProblemException.unprocessable("territoryId",
                        "territory " + input.territoryId() + " does not exist"));
        if (!"ACTIVE".equals(territory.status.name())) {
            throw ProblemException.unprocessable("territoryId", "territory " + territory.id + " is archived");
        }
        if (input.coverFor() != null && reps.findByIdOptional(input.coverFor()).isEmpty()) {
            throw ProblemException.unprocessable("coverFor", "rep " + input.coverFor() + " does not exist");
        }
        RepAssignment candidate = rules(() -> new RepAssignment(-1, rep.id, territory.id,
                input.role() == null ? RepRole.PRIMARY : input.role(),
                new DateSpan(input.effectiveFrom(), input.effectiveTo()), input.coverFor()));
        territories.lockTreeForWriting(); // assignments of one territory are checked together: writers take turns
        List<RepAssignment> current = assignments.ofTerritory(territory.id).stream().map(RepAssignmentEntity::toDomain)
                .toList();
        rules(() -> {
            RepRoster.requireFits(candidate, current);
            return null;
        });
        Instant now = Clock.now();
        RepAssignmentEntity e = new RepAssignmentEntity();
        e.repId = rep.id;
        e.territoryId = territory.id;
        e.role = candidate.role().name();
        e.effectiveFrom = candidate.span().from();
        e.effectiveTo = candidate.span().to();
        e.coverFor = candidate.coverFor();
        e.note = input.note();
        e.createdAt = now;
        e.createdBy = who;
        assignments.persistAndFlush(e);
        audit.record(ENTITY_TYPE, rep.id, "ASSIGNED", who, now, Map.of("assignment", RepAssignmentView.Recorded.of(e)));
        publish(rep.id, now);
        if (e.coverFor != null) {
            publish(e.coverFor, now);
        }
        return view(rep.id);
    }

    /** Ends an open assignment on {@code effectiveTo} (exclusive). */
    public RepAssignmentView end(String repId, long assignmentId, LocalDate effectiveTo) {
        String who = actor.name();
        visible(repId);
        RepAssignmentEntity e = assignments.findByIdOptional(assignmentId).filter(a -> a.repId.equals(repId))
                .filter(a -> visibility.sees(a.territoryId))
                .orElseThrow(() -> ProblemException.notFound("assignment", Long.toString(assignmentId)));
        territories.lockTreeForWriting();
        List<RepAssignment> current = assignments.ofTerritory(e.territoryId).stream()
                .map(RepAssignmentEntity::toDomain).toList();
        RepAssignment ended = rules(() -> RepRoster.end(e.toDomain(), effectiveTo, current));
        e.effectiveTo = ended.span().to();
        Instant now = Clock.now();
        assignments.flush();
        audit.record(ENTITY_TYPE, repId, "ASSIGNMENT_ENDED", who, now, Map.of("assignment", RepAssignmentView.Recorded.of(e)));
        publish(repId, now);
        return view(repId);
    }

    /** Today's PRIMARY holders (their own or covering) and OVERLAY reps of a territory. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RepAssignmentEntity> holdersOn(String territoryId, LocalDate day) {
        List<RepAssignmentEntity> all = assignments.ofTerritory(territoryId);
        List<RepAssignmentEntity> covers = all.stream().filter(a -> a.coverFor != null
                && a.toDomain().span().contains(day)).toList();
        return all.stream().filter(a -> a.toDomain().span().contains(day))
                .filter(a -> a.coverFor != null || covers.stream().noneMatch(c -> c.coverFor.equals(a.repId)))
                .toList();
    }

    private RepAssignmentView view(String repId) {
        List<RepAssignmentEntity> own = assignments.ofRep(repId);
        return new RepAssignmentView(repId, own.stream().map(RepAssignmentView.Recorded::of).toList(), history(repId, own));
    }

    private List<RepRoster.HeldSpan> history(String repId, List<RepAssignmentEntity> own) {
        return RepRoster.history(repId, own.stream().map(RepAssignmentEntity::toDomain).toList(),
                assignments.coversFor(repId).stream().map(RepAssignmentEntity::toDomain).toList());
    }

    private void publish(String repId, Instant now) {
        List<RepAssignmentChanged.Span> spans = history(repId, assignments.ofRep(repId)).stream()
                .map(s -> new RepAssignmentChanged.Span(s.territoryId(), RepAssignmentChanged.Role.valueOf(s.role().name()),
                        s.from(), s.to())).toList();
        outbox.publish(new RepAssignmentChanged(UUID.randomUUID(), now, 1, repId, spans));
    }

    /** The rep if the caller may see it (unscoped, or the rep holds a territory in scope); else as if missing. */
    RepEntity visible(String id) {
        return reps.findByIdOptional(id).filter(this::sees).orElseThrow(() -> ProblemException.notFound("rep", id));
    }

    private boolean sees(RepEntity rep) {
        return visibility.scopeRoots() == null
                || assignments.ofRep(rep.id).stream().anyMatch(a -> visibility.sees(a.territoryId));
    }

    private static void write(RepEntity e, RepInput input, Instant now, String who) {
        TerritoryNames names = rules(() -> TerritoryNames.of(input.nameZh(), input.nameEn()));
        int capacity = input.capacity() == null ? 0 : input.capacity();
        if (capacity < 0 || capacity > MAX_CAPACITY) {
            throw ProblemException.unprocessable("capacity", "capacity is 0 to " + MAX_CAPACITY + " visits per year");
        }
        String status = input.status() == null ? "ACTIVE" : input.status();
        if (!status.equals("ACTIVE") && !status.equals("INACTIVE")) {
            throw ProblemException.badRequest("status", "status is ACTIVE or INACTIVE");
        }
        boolean changed = e.updatedAt == null || !java.util.Objects.equals(e.nameZh, names.zh())
                || !java.util.Objects.equals(e.nameEn, names.en()) || e.capacity != capacity || !status.equals(e.status);
        e.nameZh = names.zh();
        e.nameEn = names.en();
        e.capacity = capacity;
        e.status = status;
        if (changed) {
            e.updatedAt = now;
            e.updatedBy = who;
        }
    }

    /** Roster clashes with recorded assignments are 409, wrong input 422; both name the field. */
    private static <T> T rules(Supplier<T> check) {
        try {
            return check.get();
        } catch (RepRoster.RosterConflict e) {
            throw new ProblemException(409, "Conflict", e.getMessage(), e.field());
        } catch (TerritoryRuleViolation e) {
            throw ProblemException.unprocessable(e.field(), e.getMessage());
        }
    }
}
