package io.quota.territory.application;

import io.quota.platform.problem.ProblemException;
import io.quota.territory.domain.AccountFacts;
import io.quota.territory.domain.assignments.AccountHistory;
import io.quota.territory.persistence.AccountEntity;
import io.quota.territory.persistence.PlanningStore;
import io.quota.territory.persistence.Repositories;
import io.quota.territory.persistence.TerritoryModelEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts and their derived territory. A change of an account re-derives it in every model that is not
 * archived; under the ACTIVE model a move of territory publishes the account's whole history.
 * A caller with a territory scope sees the accounts the ACTIVE model assigns inside it, nothing else.
 */
@ApplicationScoped
@Transactional
public class AccountService {
    static final String ENTITY_TYPE = "account";

    @Inject
    Repositories.Accounts accounts;
    @Inject
    Repositories.Models models;
    @Inject
    PlanningStore store;
    @Inject
    AssignmentService assignment;
    @Inject
    AuditTrail audit;
    @Inject
    CurrentActor actor;
    @Inject
    Visibility visibility;
    @ConfigProperty(name = "quota.territory.currency", defaultValue = "CNY")
    String companyCurrency;

    public String companyCurrency() {
        return companyCurrency;
    }

    public AccountView create(AccountFacts given) {
        String who = actor.name();
        visibility.requireUnrestricted("new account (its territory is derived by every rule)");
        AccountFacts facts = Conditions.obeying(() -> given.requireCurrency(companyCurrency));
        if (accounts.findByIdOptional(facts.id()).isPresent()) {
            throw ProblemException.conflict("account " + facts.id() + " already exists");
        }
        Instant now = Clock.now();
        AccountEntity e = new AccountEntity();
        e.id = facts.id();
        e.createdAt = now;
        e.createdBy = who;
        write(e, facts, now, who);
        accounts.persistAndFlush(e);
        assignment.reassignAccounts(List.of(e.id), now, Clock.today(now));
        AccountView view = view(e);
        audit.record(ENTITY_TYPE, e.id, "CREATED", who, now, Map.of("after", view));
        return view;
    }

    /** Many accounts in one transaction (import): all or nothing, one re-derivation per model. */
    public int createAll(List<AccountFacts> all) {
        String who = actor.name();
        visibility.requireUnrestricted("account import");
        Instant now = Clock.now();
        List<String> ids = new ArrayList<>();
        for (AccountFacts facts : all) {
            AccountEntity e = accounts.findByIdOptional(facts.id()).orElse(null);
            if (e == null) {
                e = new AccountEntity();
                e.id = facts.id();
                e.createdAt = now;
                e.createdBy = who;
                write(e, facts, now, who);
                accounts.persist(e);
            } else {
                write(e, facts, now, who);
            }
            ids.add(e.id);
        }
        accounts.flush();
        assignment.reassignAccounts(ids, now, Clock.today(now));
        audit.record(ENTITY_TYPE, "import", "IMPORTED", who, now, Map.of("accounts", ids.size()));
        return ids.size();
    }

    public AccountView update(String id, long expectedVersion, AccountFacts given) {
        String who = actor.name();
        AccountEntity e = visible(id);
        if (e.version != expectedVersion) {
            throw new ProblemException(412, "Precondition failed", "account " + id + " is at version " + e.version
                    + ", not " + expectedVersion + ": read it again and retry", "If-Match");
        }
        AccountFacts facts = Conditions.obeying(() -> given.requireCurrency(companyCurrency));
        AccountView before = view(e);
        Instant now = Clock.now();
        write(e, facts, now, who);
        accounts.flush();
        if (e.version == before.version()) {
            return before; // nothing changed
        }
        assignment.reassignAccounts(List.of(id), now, Clock.today(now));
        AccountView after = view(e);
        audit.record(ENTITY_TYPE, id, "UPDATED", who, now, Map.of("before", before, "after", after));
        return after;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AccountView get(String id) {
        return view(visible(id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<AccountHistory.Span> history(String id) {
        visible(id);
        return store.histories(List.of(id)).getOrDefault(id, List.of());
    }

    /** Accounts, by id; filters: the ACTIVE model's territory (null: any) and city. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AccountView> list(String territoryId, String city, int page, int size) {
        Optional<TerritoryModelEntity> active = models.active();
        Collection<String> scope = visibility.scopeRoots();
        StringBuilder where = new StringBuilder(" from account c left join account_assignment a on a.account_id = c.id and a.model_id = ?"
                + " where (cast(? as text) is null or a.territory_id = ?) and (cast(? as text) is null or c.city = ?)");
        List<Object> args = new ArrayList<>(java.util.Arrays.asList(active.map(m -> m.id).orElse(""), territoryId, territoryId,
                city, city));
        String cte = "";
        if (scope != null) {
            cte = """
                    with recursive scope (id) as (
                        select unnest(string_to_array(cast(? as text), ','))
                        union
                        select t.id from territory t join scope s on t.parent_id = s.id)
                    """;
            where.append(" and a.territory_id in (select id from scope)");
            args.add(0, String.join(",", scope.stream().filter(r -> r.matches(io.quota.contracts.NodeKey.ID.pattern())).toList()));
        }
        List<String> ids = store.query(cte + "select c.id" + where + " order by c.id limit " + size + " offset "
                + (long) page * size, rs -> rs.getString(1), args.toArray());
        long total = store.query(cte + "select count(*)" + where, rs -> rs.getLong(1), args.toArray()).get(0);
        Map<String, PlanningStore.AssignmentRow> rows = active.map(m -> store.assignments(m.id, ids)).orElse(Map.of());
        List<AccountView> items = accounts.list("id in ?1 order by id", ids).stream()
                .map(e -> view(e, rows.get(e.id))).toList();
        return new Page<>(items, page, size, total);
    }

    /** The account if the caller may see it; otherwise exactly the answer for a missing one. */
    AccountEntity visible(String id) {
        AccountEntity e = accounts.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("account", id));
        if (visibility.scopeRoots() != null) {
            String territory = models.active().map(m -> store.assignments(m.id, List.of(id)).get(id))
                    .map(PlanningStore.AssignmentRow::territoryId).orElse(null);
            if (territory == null || !visibility.sees(territory)) {
                throw ProblemException.notFound("account", id);
            }
        }
        return e;
    }

    private AccountView view(AccountEntity e) {
        return view(e, models.active().map(m -> store.assignments(m.id, List.of(e.id)).get(e.id)).orElse(null));
    }

    private static AccountView view(AccountEntity e, PlanningStore.AssignmentRow row) {
        return AccountView.of(e, row == null ? null : row.territoryId(), row == null ? null : row.outcome());
    }

    private static void write(AccountEntity e, AccountFacts f, Instant now, String who) {
        boolean changed = !f.equals(facts(e));
        e.name = f.name();
        e.country = f.country();
        e.province = f.province();
        e.city = f.city();
        e.postalCode = f.postalCode();
        e.industry = f.industry();
        e.customerType = f.customerType();
        e.potential = f.potential();
        e.currency = f.currency();
        e.workload = f.workload();
        e.status = f.status();
        if (changed) {
            e.updatedAt = now;
            e.updatedBy = who;
        }
    }

    static AccountFacts facts(AccountEntity e) {
        if (e.name == null) {
            return null;
        }
        return new AccountFacts(e.id, e.name, e.country, e.province, e.city, e.postalCode, e.industry, e.customerType,
                e.potential, e.currency, e.workload, e.status);
    }

    /** An account the rules could not give exactly one territory: ORPHAN (none) or OVERLAP (candidates tie). */
    public record ConflictView(String accountId, String name, String outcome, List<String> candidates, Integer priority) {
    }

    /**
     * The conflicts of a model (default: the ACTIVE one), by account id. A scoped caller sees only overlaps between
     * territories in its scope (an orphan lies in no territory, so in nobody's scope).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ConflictView> conflicts(String modelId, String outcome, int page, int size) {
        String model = modelId != null ? models.findByIdOptional(modelId).map(m -> m.id)
                .orElseThrow(() -> ProblemException.notFound("territory model", modelId))
                : models.active().map(m -> m.id).orElse(null);
        if (model == null) {
            return new Page<>(List.of(), page, size, 0);
        }
        if (visibility.scopeRoots() == null) {
            List<PlanningStore.AssignmentRow> rows = store.conflicts(model, outcome, page, size);
            return new Page<>(conflictViews(rows), page, size, store.countConflicts(model, outcome));
        }
        List<PlanningStore.AssignmentRow> all = visibility.scopedConflicts(model, outcome);
        int from = Math.min(all.size(), page * size);
        return new Page<>(conflictViews(all.subList(from, Math.min(all.size(), from + size))), page, size, all.size());
    }

    private List<ConflictView> conflictViews(List<PlanningStore.AssignmentRow> rows) {
        Map<String, String> names = new java.util.HashMap<>();
        accounts.list("id in ?1", rows.stream().map(PlanningStore.AssignmentRow::accountId).toList())
                .forEach(a -> names.put(a.id, a.name));
        return rows.stream().map(r -> new ConflictView(r.accountId(), names.get(r.accountId()), r.outcome(),
                r.candidates(), r.outcome().equals("ORPHAN") ? null : r.priority())).toList();
    }
}
