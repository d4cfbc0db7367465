package io.quota.territory.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.territory.domain.assignments.AccountHistory;
import io.quota.territory.domain.rules.AccountProfile;
import io.quota.territory.domain.rules.Assignment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rules, derived assignments and account histories: set-at-a-time reads and batched writes over JDBC (a model's
 * assignment touches every account, so one row at a time through the ORM would not do).
 */
@ApplicationScoped
public class PlanningStore {
    private static final int BATCH = 1000;

    @Inject
    EntityManager em;
    @Inject
    ObjectMapper json;

    public record RuleRow(String id, String territoryId, int priority, String conditionJson) {
    }

    public record AssignmentRow(String accountId, String outcome, String territoryId, List<String> candidates,
                                int priority) {
    }

    /** Totals of the accounts a model assigns to one territory. */
    public record TerritoryTotals(String territoryId, long accounts, BigDecimal potential, long workload) {
    }

    // ---------- rules

    public List<RuleRow> rules(String modelId, String territoryId) {
        return query("select id, territory_id, priority, condition::text from territory_rule where model_id = ?"
                        + (territoryId == null ? "" : " and territory_id = ?") + " order by id",
                rs -> new RuleRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)),
                territoryId == null ? new Object[]{modelId} : new Object[]{modelId, territoryId});
    }

    /** The rules that take part in assignment: those of ACTIVE leaf territories. */
    public List<RuleRow> assigningRules(String modelId) {
        return query("""
                        select r.id, r.territory_id, r.priority, r.condition::text from territory_rule r
                        join territory t on t.id = r.territory_id
                        where r.model_id = ? and t.status = 'ACTIVE' and t.type <> 'REGION'""",
                rs -> new RuleRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4)), modelId);
    }

    public boolean ruleExists(String modelId, String ruleId) {
        return !query("select 1 from territory_rule where model_id = ? and id = ?", rs -> 1, modelId, ruleId).isEmpty();
    }

    public void insertRules(String modelId, Collection<RuleRow> rules) {
        batch("insert into territory_rule (model_id, id, territory_id, priority, condition) values (?, ?, ?, ?, cast(? as jsonb))",
                rules, (ps, r) -> {
                    ps.setString(1, modelId);
                    ps.setString(2, r.id());
                    ps.setString(3, r.territoryId());
                    ps.setInt(4, r.priority());
                    ps.setString(5, r.conditionJson());
                });
    }

    public int updateRule(String modelId, RuleRow r) {
        return update("update territory_rule set territory_id = ?, priority = ?, condition = cast(? as jsonb) where model_id = ? and id = ?",
                r.territoryId(), r.priority(), r.conditionJson(), modelId, r.id());
    }

    public int deleteRule(String modelId, String ruleId) {
        return update("delete from territory_rule where model_id = ? and id = ?", modelId, ruleId);
    }

    public int maxPriority(String modelId) {
        return query("select coalesce(max(priority), 0) from territory_rule where model_id = ?",
                rs -> rs.getInt(1), modelId).get(0);
    }

    public void copyModelContents(String fromModel, String toModel) {
        update("insert into territory_rule (model_id, id, territory_id, priority, condition) "
                + "select ?, id, territory_id, priority, condition from territory_rule where model_id = ?", toModel, fromModel);
        update("insert into account_assignment (model_id, account_id, outcome, territory_id, candidates, priority) "
                + "select ?, account_id, outcome, territory_id, candidates, priority from account_assignment where model_id = ?",
                toModel, fromModel);
    }

    // ---------- accounts and assignments

    public List<AccountProfile> activeAccountProfiles() {
        return query("select id, country, province, city, postal_code, industry, customer_type from account where status = 'ACTIVE'",
                PlanningStore::profile);
    }

    public List<AccountProfile> accountProfiles(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return query("select id, country, province, city, postal_code, industry, customer_type from account "
                + "where status = 'ACTIVE' and id = any(?)", PlanningStore::profile, (Object) ids.toArray(String[]::new));
    }

    private static AccountProfile profile(ResultSet rs) throws SQLException {
        return new AccountProfile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7));
    }

    /** The stored assignment per account id; {@code accountIds} null means all of the model's. */
    public Map<String, AssignmentRow> assignments(String modelId, Collection<String> accountIds) {
        Map<String, AssignmentRow> out = new HashMap<>();
        String sql = "select account_id, outcome, territory_id, candidates, priority from account_assignment where model_id = ?"
                + (accountIds == null ? "" : " and account_id = any(?)");
        Object[] args = accountIds == null ? new Object[]{modelId} : new Object[]{modelId, accountIds.toArray(String[]::new)};
        query(sql, rs -> out.put(rs.getString(1), row(rs)), args);
        return out;
    }

    private static AssignmentRow row(ResultSet rs) throws SQLException {
        String candidates = rs.getString(4);
        return new AssignmentRow(rs.getString(1), rs.getString(2), rs.getString(3),
                candidates == null || candidates.isEmpty() ? List.of() : Arrays.asList(candidates.split(",")), rs.getInt(5));
    }

    /**
     * Writes derived assignments: {@code added} are accounts the model had no row for, {@code changed} rows it had.
     * Many rows at once (a new model, a re-drawn boundary) go through COPY (DESIGN.md section 8: the fastest way
     * in): new rows straight into the table, changed ones into a temporary table and one set-based UPDATE; a few go
     * as a JDBC batch.
     */
    public void writeAssignments(String modelId, Collection<Assignment> added, Collection<Assignment> changed) {
        Collection<Assignment> few = new ArrayList<>();
        if (added.size() < COPY_FROM) {
            few.addAll(added);
        } else {
            session().doWork(c -> copy(c, "copy account_assignment (model_id, account_id, outcome, territory_id,"
                    + " candidates, priority) from stdin", added, (buf, a) -> assignmentLine(buf.append(copyText(modelId))
                    .append('\t'), a)));
        }
        if (changed.size() < COPY_FROM) {
            few.addAll(changed);
        } else {
            session().doWork(c -> {
                staging(c, "assignment_in", "account_id varchar(64), outcome varchar(10), territory_id varchar(64),"
                        + " candidates varchar(4000), priority integer");
                copy(c, "copy assignment_in from stdin", changed, PlanningStore::assignmentLine);
                try (PreparedStatement ps = c.prepareStatement("""
                        update account_assignment a set outcome = s.outcome, territory_id = s.territory_id,
                        candidates = s.candidates, priority = s.priority
                        from assignment_in s where a.model_id = ? and a.account_id = s.account_id""")) {
                    ps.setString(1, modelId);
                    ps.executeUpdate();
                }
            });
        }
        batch("""
                insert into account_assignment (model_id, account_id, outcome, territory_id, candidates, priority)
                values (?, ?, ?, ?, ?, ?) on conflict (model_id, account_id) do update set outcome = excluded.outcome,
                territory_id = excluded.territory_id, candidates = excluded.candidates, priority = excluded.priority""",
                few, (ps, a) -> {
                    ps.setString(1, modelId);
                    ps.setString(2, a.accountId());
                    ps.setString(3, a.outcome().name());
                    ps.setString(4, a.territoryId());
                    ps.setString(5, candidates(a));
                    ps.setInt(6, a.priority());
                });
    }

    private static void assignmentLine(StringBuilder buf, Assignment a) {
        buf.append(copyText(a.accountId())).append('\t').append(a.outcome().name()).append('\t')
                .append(a.territoryId() == null ? "\\N" : copyText(a.territoryId())).append('\t')
                .append(copyText(candidates(a))).append('\t').append(a.priority()).append('\n');
    }

    /** An empty temporary table for this transaction's rows (dropped at the session's end, emptied at commit). */
    private static void staging(Connection c, String table, String columns) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("create temporary table if not exists " + table + " (" + columns + ") on commit delete rows");
            st.execute("truncate " + table);
        }
    }

    /** Streams the rows through COPY (text format), a megabyte at a time. */
    private static <T> void copy(Connection c, String copySql, Collection<T> rows, java.util.function.BiConsumer<StringBuilder, T> line)
            throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            StringBuilder buf = new StringBuilder(COPY_BUFFER + 8192);
            for (T row : rows) {
                line.accept(buf, row);
                if (buf.length() >= COPY_BUFFER) {
                    writeCopy(copy, buf);
                }
            }
            writeCopy(copy, buf);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** From this many rows on, COPY beats a batch of statements. */
    private static final int COPY_FROM = 5_000;
    private static final int COPY_BUFFER = 1 << 20;

    private static String candidates(Assignment a) {
        String candidates = String.join(",", a.candidates());
        return candidates.length() > 4000 ? candidates.substring(0, 4000) : candidates;
    }

    /** COPY text format: backslash, tab and line breaks escaped (ids cannot hold them; names could). */
    private static String copyText(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static void writeCopy(CopyIn copy, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    public void deleteAssignments(String modelId, Collection<String> accountIds) {
        if (!accountIds.isEmpty()) {
            update("delete from account_assignment where model_id = ? and account_id = any(?)", modelId,
                    accountIds.toArray(String[]::new));
        }
    }

    /** The conflicts of a model (orphans and overlaps), by account id. */
    public List<AssignmentRow> conflicts(String modelId, String outcome, int page, int size) {
        return query("select account_id, outcome, territory_id, candidates, priority from account_assignment "
                        + "where model_id = ? and outcome <> 'ASSIGNED' and (cast(? as text) is null or outcome = ?) "
                        + "order by account_id limit ? offset ?",
                PlanningStore::row, modelId, outcome, outcome, size, (long) page * size);
    }

    /** Every conflict of the outcome in a model (no paging: for figures summed over them). */
    public void forEachConflict(String modelId, String outcome, java.util.function.Consumer<AssignmentRow> each) {
        query("select account_id, outcome, territory_id, candidates, priority from account_assignment "
                + "where model_id = ? and outcome = ?", rs -> {
            each.accept(row(rs));
            return null;
        }, modelId, outcome);
    }

    public long countConflicts(String modelId, String outcome) {
        return query("select count(*) from account_assignment where model_id = ? and outcome <> 'ASSIGNED' "
                + "and (cast(? as text) is null or outcome = ?)", rs -> rs.getLong(1), modelId, outcome, outcome).get(0);
    }

    /** Per leaf territory of the model: its accounts' count, potential and workload. */
    public Map<String, TerritoryTotals> totals(String modelId) {
        Map<String, TerritoryTotals> out = new HashMap<>();
        query("""
                        select a.territory_id, count(*), coalesce(sum(c.potential), 0), coalesce(sum(c.workload), 0)
                        from account_assignment a join account c on c.id = a.account_id
                        where a.model_id = ? and a.outcome = 'ASSIGNED' group by a.territory_id""",
                rs -> out.put(rs.getString(1), new TerritoryTotals(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3),
                        rs.getLong(4))), modelId);
        return out;
    }

    /** The accounts a model assigns to the given territories, with what balancing needs of them. */
    public record PlacedAccount(String id, String territoryId, String city, String postalCode, BigDecimal potential,
                                int workload) {
    }

    public List<PlacedAccount> placedAccounts(String modelId, Collection<String> territoryIds) {
        return query("""
                        select c.id, a.territory_id, c.city, c.postal_code, c.potential, c.workload
                        from account_assignment a join account c on c.id = a.account_id
                        where a.model_id = ? and a.outcome = 'ASSIGNED' and a.territory_id = any(?) order by c.id""",
                rs -> new PlacedAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getInt(6)), modelId, territoryIds.toArray(String[]::new));
    }

    // ---------- histories

    public Map<String, List<AccountHistory.Span>> histories(Collection<String> accountIds) {
        Map<String, List<AccountHistory.Span>> out = new HashMap<>();
        if (accountIds.isEmpty()) {
            return out;
        }
        if (accountIds.size() > ALL_FROM) { // a whole model's accounts: one scan beats a giant id array
            java.util.Set<String> wanted = accountIds instanceof java.util.Set<String> set ? set : new java.util.HashSet<>(accountIds);
            query("select account_id, spans::text from account_history", rs -> {
                String id = rs.getString(1);
                return wanted.contains(id) ? out.put(id, spans(rs.getString(2))) : null;
            });
            return out;
        }
        query("select account_id, spans::text from account_history where account_id = any(?)",
                rs -> out.put(rs.getString(1), spans(rs.getString(2))), (Object) accountIds.toArray(String[]::new));
        return out;
    }

    /** From this many ids on, reading every history is cheaper than looking each up. */
    private static final int ALL_FROM = 50_000;

    /**
     * An account's history as change set {@code changeId} leaves it, and why the rules give it no territory from
     * then on (null: they give it one); {@code known} says whether the account had a stored history before.
     */
    public record HistoryWrite(String accountId, List<AccountHistory.Span> spans, Object conflict, boolean known) {
    }

    /** Stores the histories of one change set: new ones inserted, known ones replaced (COPY when many). */
    public void saveHistories(UUID changeId, Collection<HistoryWrite> writes) {
        List<HistoryWrite> added = writes.stream().filter(w -> !w.known()).toList();
        List<HistoryWrite> known = writes.stream().filter(HistoryWrite::known).toList();
        java.util.function.BiConsumer<StringBuilder, HistoryWrite> line = (buf, w) -> buf.append(copyText(w.accountId()))
                .append('\t').append(copyText(write(w.spans()))).append('\t')
                .append(w.conflict() == null ? "\\N" : copyText(write(w.conflict()))).append('\t').append(changeId)
                .append('\n');
        List<HistoryWrite> few = new ArrayList<>();
        if (added.size() < COPY_FROM) {
            few.addAll(added);
        } else {
            session().doWork(c -> copy(c, "copy account_history (account_id, spans, conflict, change_id) from stdin", added, line));
        }
        if (known.size() < COPY_FROM) {
            few.addAll(known);
        } else {
            session().doWork(c -> {
                staging(c, "history_in", "account_id varchar(64), spans jsonb, conflict jsonb, change_id uuid");
                copy(c, "copy history_in from stdin", known, line);
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("""
                            update account_history h set spans = s.spans, conflict = s.conflict, change_id = s.change_id
                            from history_in s where h.account_id = s.account_id""");
                }
            });
        }
        batch("""
                        insert into account_history (account_id, spans, conflict, change_id)
                        values (?, cast(? as jsonb), cast(? as jsonb), ?) on conflict (account_id) do update
                        set spans = excluded.spans, conflict = excluded.conflict, change_id = excluded.change_id""",
                few, (ps, w) -> {
                    ps.setString(1, w.accountId());
                    ps.setString(2, write(w.spans()));
                    ps.setString(3, w.conflict() == null ? null : write(w.conflict()));
                    ps.setObject(4, changeId);
                });
    }

    /**
     * The histories change set {@code changeId} left (those a later change rewrote again belong to that one), as
     * account id, spans and conflict JSON (or null), streamed; {@code accountIds} narrows the search when the set is
     * small (null: scan).
     */
    public void forEachChangedHistory(UUID changeId, Collection<String> accountIds,
                                      java.util.function.Consumer<ChangedHistory> each) {
        String sql = "select account_id, spans::text, conflict::text from account_history where change_id = ?"
                + (accountIds == null ? "" : " and account_id = any(?)");
        Object[] args = accountIds == null ? new Object[]{changeId} : new Object[]{changeId, accountIds.toArray(String[]::new)};
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(10_000);
                bind(c, ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(new ChangedHistory(rs.getString(1), spans(rs.getString(2)), rs.getString(3)));
                    }
                }
            }
        });
    }

    public record ChangedHistory(String accountId, List<AccountHistory.Span> spans, String conflictJson) {
    }

    private List<AccountHistory.Span> spans(String text) {
        try {
            return json.readValue(text, new TypeReference<List<AccountHistory.Span>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored account history is not JSON", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------- JDBC plumbing

    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public interface Binder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, args);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                }
                return out;
            }
        });
    }

    public int update(String sql, Object... args) {
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(c, ps, args);
                return ps.executeUpdate();
            }
        });
    }

    <T> void batch(String sql, Collection<T> items, Binder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int n = 0;
                for (T item : items) {
                    binder.bind(ps, item);
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        });
    }

    private Session session() {
        Session s = em.unwrap(Session.class);
        if (s.isJoinedToTransaction()) {
            s.flush(); // entity changes of this transaction first, so SQL sees them
        }
        return s;
    }

    private static void bind(Connection c, PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (a instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
            } else if (a instanceof LocalDate d) {
                ps.setObject(i + 1, d);
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }
}
