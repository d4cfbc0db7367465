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
     * Writes derived assignments. Many rows at once (a new model, a re-drawn boundary) go through COPY into a
     * temporary table and one INSERT ... SELECT ... ON CONFLICT (DESIGN.md section 8: the fastest way in); a few go
     * as a JDBC batch.
     */
    public void upsertAssignments(String modelId, Collection<Assignment> assignments) {
        if (assignments.size() < COPY_FROM) {
            batch(UPSERT_ASSIGNMENT.formatted("values (?, ?, ?, ?, ?, ?)"), assignments, (ps, a) -> {
                ps.setString(1, modelId);
                ps.setString(2, a.accountId());
                ps.setString(3, a.outcome().name());
                ps.setString(4, a.territoryId());
                ps.setString(5, candidates(a));
                ps.setInt(6, a.priority());
            });
            return;
        }
        session().doWork(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("""
                        create temporary table if not exists assignment_in (account_id varchar(64), outcome varchar(10),
                        territory_id varchar(64), candidates varchar(4000), priority integer) on commit delete rows""");
                st.execute("truncate assignment_in");
            }
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy assignment_in from stdin");
            try {
                StringBuilder buf = new StringBuilder(COPY_BUFFER + 8192);
                for (Assignment a : assignments) {
                    buf.append(copyText(a.accountId())).append('\t').append(a.outcome().name()).append('\t')
                            .append(a.territoryId() == null ? "\\N" : copyText(a.territoryId())).append('\t')
                            .append(copyText(candidates(a))).append('\t').append(a.priority()).append('\n');
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
            try (PreparedStatement ps = c.prepareStatement(UPSERT_ASSIGNMENT.formatted(
                    "select ?, account_id, outcome, territory_id, candidates, priority from assignment_in"))) {
                ps.setString(1, modelId);
                ps.executeUpdate();
            }
        });
    }

    private static final String UPSERT_ASSIGNMENT = """
            insert into account_assignment (model_id, account_id, outcome, territory_id, candidates, priority)
            %s on conflict (model_id, account_id) do update set outcome = excluded.outcome,
            territory_id = excluded.territory_id, candidates = excluded.candidates, priority = excluded.priority""";
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
        query("select account_id, spans::text from account_history where account_id = any(?)",
                rs -> out.put(rs.getString(1), spans(rs.getString(2))), (Object) accountIds.toArray(String[]::new));
        return out;
    }

    public void saveHistories(Map<String, List<AccountHistory.Span>> histories) {
        batch("insert into account_history (account_id, spans) values (?, cast(? as jsonb)) "
                        + "on conflict (account_id) do update set spans = excluded.spans",
                histories.entrySet(), (ps, e) -> {
                    ps.setString(1, e.getKey());
                    ps.setString(2, write(e.getValue()));
                });
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
