package io.quota.territory.bench;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.quota.territory.application.AssignmentService;
import io.quota.territory.application.Conditions;
import io.quota.territory.persistence.TerritoryModelEntity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The 1,000,000-account assignment through the service's real path (run with -Pbench): the same tree, rules and
 * accounts as {@link AssignmentBenchmark}, stored in PostgreSQL; {@code AssignmentService.reassignModel} reads the
 * accounts and the model's rules, derives every account's territory and writes the assignment rows, in one
 * transaction. Three runs: a PLANNING model's first derivation (every row written), the same again (nothing
 * changed, nothing written), and the model as ACTIVE with nothing derived yet (every row, every account's history and
 * the AccountAssignmentChanged events through one outbox expansion row, the TerritoryChanged events). Prints wall
 * time and its split (read, derive, write, commit); never asserts on time. {@code -Dbench.accounts=N} for a smaller
 * run (default the 1,000,000).
 */
@Tag("benchmark")
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class AssignmentDbBenchmark {
    static final String MODEL = "BENCH-1M";

    @Inject
    AgroalDataSource dataSource;
    @Inject
    AssignmentService assignment;
    @Inject
    EntityManager em;
    @Inject
    Conditions conditions;

    @Test
    void assignAMillionStoredAccountsOverTwoThousandTerritoriesAndStoreTheResult() throws Exception {
        long t0 = System.nanoTime();
        int territories;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            territories = load(c);
            c.commit();
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("vacuum analyze"); // what autovacuum would have done by the time a planner edits rules
        }
        long t1 = System.nanoTime();
        System.out.printf("BENCHMARK assignment-db setup (COPY of %d accounts, tree, rules, vacuum; not part of the target)=%.2fs%n",
                AssignmentBenchmark.ACCOUNTS, (t1 - t0) / 1e9);
        run(1, "PLANNING model, no rows yet: every row written", territories);
        run(2, "PLANNING model again, nothing changed", territories);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            // as its first activation finds it: the suite's ACTIVE model, nothing derived, no account history yet
            st.execute("delete from account_assignment where model_id = '" + MODEL + "'");
            st.execute("update territory_model set status = 'ACTIVE' where id = '" + MODEL + "'");
            st.execute("vacuum analyze account_assignment");
        }
        run(3, "ACTIVE model, no rows yet: every row, every account's history, the events", territories);
        long events = count("select count(*) from account_history where change_id is not null");
        System.out.printf("BENCHMARK assignment-db run=3 histories written=%d (one AccountAssignmentChanged each, all"
                + " through one outbox expansion row)%n", events);
    }

    private void run(int run, String what, int territories) throws Exception {
        Runtime rt = Runtime.getRuntime();
        AssignmentService.Phases phases = new AssignmentService.Phases();
        long s = System.nanoTime();
        AssignmentService.Outcome outcome = QuarkusTransaction.requiringNew().timeout(1800).call(() ->
                assignment.reassignModel(em.find(TerritoryModelEntity.class, MODEL), Instant.now(), LocalDate.now(), phases));
        long e = System.nanoTime();
        long stored = count("select count(*) from account_assignment where model_id = '" + MODEL + "'");
        assertEquals(AssignmentBenchmark.ACCOUNTS, stored);
        System.out.printf("BENCHMARK assignment-db run=%d (%s) accounts=%d territories=%d rules=%d wall=%.2fs"
                        + " [read=%.2fs derive=%.2fs write=%.2fs commit=%.2fs] (%.0f accounts/s) changedRows=%d orphans=%d"
                        + " overlaps=%d storedRows=%d heapUsed=%dMB cpus=%d%n",
                run, what, outcome.accounts(), territories, AssignmentBenchmark.rules().size(), (e - s) / 1e9,
                phases.read / 1e9, phases.derive / 1e9, phases.write / 1e9,
                (e - s - phases.read - phases.derive - phases.write) / 1e9,
                outcome.accounts() / ((e - s) / 1e9), outcome.changed(), outcome.orphans(), outcome.overlaps(), stored,
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.availableProcessors());
    }

    /** The tree (a root REGION over the 2,000 leaves), the PLANNING model with its rules, the accounts (COPY). */
    private int load(Connection c) throws Exception {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        try (Statement st = c.createStatement()) {
            st.execute("delete from account_assignment where model_id = '" + MODEL + "'");
            st.execute("delete from territory_rule where model_id = '" + MODEL + "'");
            st.execute("delete from territory_model where id = '" + MODEL + "'");
            st.execute("insert into territory_model (id, name, status, version, created_at, created_by) values ('"
                    + MODEL + "', '1M benchmark', 'PLANNING', 0, now(), 'bench')");
        }
        String audit = "\t0\t2026-01-01T00:00:00Z\t2026-01-01T00:00:00Z\tbench\tbench\n";
        if (exists(c, "select count(*) from territory where id = 'BENCH'")) {
            return loadRulesAndAccounts(c, copy, audit);
        }
        StringBuilder tree = new StringBuilder("BENCH\t\\N\tREGION\t基准\t\\N\tACTIVE" + audit);
        java.util.Set<String> leaves = new java.util.TreeSet<>();
        AssignmentBenchmark.rules().forEach(r -> leaves.add(r.territoryId()));
        for (String leaf : leaves) {
            tree.append("B-").append(leaf).append("\tBENCH\tGEOGRAPHIC\t").append(leaf).append("\t\\N\tACTIVE").append(audit);
        }
        copy.copyIn("copy territory (id, parent_id, type, name_zh, name_en, status, version, created_at, updated_at,"
                + " created_by, updated_by) from stdin", new StringReader(tree.toString()));
        return loadRulesAndAccounts(c, copy, audit);
    }

    private int loadRulesAndAccounts(Connection c, CopyManager copy, String audit) throws Exception {
        StringBuilder rules = new StringBuilder();
        AssignmentBenchmark.rules().forEach(r -> rules.append(MODEL).append('\t').append(r.ruleId()).append("\tB-")
                .append(r.territoryId()).append('\t').append(r.priority()).append('\t')
                .append(conditions.write(conditions.spec(r.condition()))).append('\n'));
        copy.copyIn("copy territory_rule (model_id, id, territory_id, priority, condition) from stdin",
                new StringReader(rules.toString()));
        if (!exists(c, "select count(*) from account where id = 'acc-0'")) {
            Random random = new Random(42);
            org.postgresql.copy.CopyIn in = copy.copyIn("copy account (id, name, country, province, city, postal_code,"
                    + " industry, customer_type, potential, currency, workload, status, version, created_at, updated_at,"
                    + " created_by, updated_by) from stdin");
            StringBuilder buf = new StringBuilder(1 << 21);
            for (var a : AssignmentBenchmark.accounts(random)) {
                buf.append(a.accountId()).append("\t客户\t").append(a.country()).append('\t').append(a.province())
                        .append('\t').append(a.city()).append('\t').append(a.postalCode()).append('\t')
                        .append(a.industry() == null ? "\\N" : a.industry()).append('\t').append(a.customerType())
                        .append('\t').append(1000 + random.nextInt(1_000_000)).append(".00\tCNY\t")
                        .append(4 + random.nextInt(48)).append("\tACTIVE").append(audit);
                if (buf.length() > 1 << 20) {
                    byte[] bytes = buf.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    buf.setLength(0);
                }
            }
            byte[] bytes = buf.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        }
        return (int) AssignmentBenchmark.rules().stream().map(r -> r.territoryId()).distinct().count();
    }

    private static boolean exists(Connection c, String countSql) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(countSql)) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
