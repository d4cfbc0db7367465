package io.quota.territory.bench;

import io.quota.territory.domain.rules.AccountProfile;
import io.quota.territory.domain.rules.Assignment;
import io.quota.territory.domain.rules.BoundaryRule;
import io.quota.territory.domain.rules.Condition;
import io.quota.territory.domain.rules.RuleEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Domain-level benchmark: 1,000,000 accounts assigned over 2,000 leaf territories by rules (run with -Pbench).
 * Prints its figures; never asserts on time.
 */
@Tag("benchmark")
class AssignmentBenchmark {
    /** The size; {@code -Dbench.accounts=100000} for a smaller run. */
    static final int ACCOUNTS = Integer.getInteger("bench.accounts", 1_000_000);
    static final int PROVINCES = 31;
    static final int CITIES = 1_000;
    static final int INDUSTRIES = 40;

    @Test
    void assignAMillionAccountsOverTwoThousandTerritories() {
        Random random = new Random(42);
        List<BoundaryRule> rules = rules();
        long territories = rules.stream().map(BoundaryRule::territoryId).distinct().count();

        long t0 = System.nanoTime();
        List<AccountProfile> accounts = accounts(random);
        long t1 = System.nanoTime();
        RuleEngine engine = RuleEngine.of(rules);
        long t2 = System.nanoTime();
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c2 = cpu.getCurrentThreadCpuTime();
        List<Assignment> result = engine.assignAll(accounts);
        long t3 = System.nanoTime();
        long c3 = cpu.getCurrentThreadCpuTime();

        Map<Assignment.Outcome, Integer> outcomes = new EnumMap<>(Assignment.Outcome.class);
        result.forEach(a -> outcomes.merge(a.outcome(), 1, Integer::sum));
        assertEquals(ACCOUNTS, result.size());
        Runtime rt = Runtime.getRuntime();
        System.out.printf("BENCHMARK assignment accounts=%d territories=%d rules=%d generate=%.2fs index=%.3fs assign=%.2fs (cpu %.2fs) "
                        + "(%.0f accounts/s) outcomes=%s heapUsed=%dMB cpus=%d%n",
                ACCOUNTS, territories, rules.size(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (c3 - c2) / 1e9,
                ACCOUNTS / ((t3 - t2) / 1e9), outcomes, (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.availableProcessors());
    }


    /**
     * 2,000 leaf territories' rules: 999 GEOGRAPHIC (a city each), 620 INDUSTRY (a province AND two industry codes),
     * 280 SEGMENT (a postal prefix AND B2C), 100 NAMED_ACCOUNTS (50 ids each) and a country catch-all.
     */
    static List<BoundaryRule> rules() {
        List<BoundaryRule> rules = new ArrayList<>();
        // 999 GEOGRAPHIC territories: one city each (city i lies in province i % 31)
        for (int c = 0; c < 999; c++) {
            rules.add(rule("geo-" + c, "GEO-" + c, 1, Condition.match("city", List.of("city-" + c), "c")));
        }
        // 620 INDUSTRY territories: a province AND two industry codes (overrides the city)
        for (int p = 0; p < PROVINCES; p++) {
            for (int g = 0; g < 20; g++) {
                rules.add(rule("ind-" + p + "-" + g, "IND-" + p + "-" + g, 2, Condition.all(List.of(
                        Condition.match("province", List.of("prov-" + p), "c"),
                        Condition.match("industry", List.of("I" + (2 * g), "I" + (2 * g + 1)), "c")), "c")));
            }
        }
        // 280 SEGMENT territories: B2C accounts under a 3-digit postal prefix
        for (int z = 0; z < 280; z++) {
            rules.add(rule("seg-" + z, "SEG-" + z, 3, Condition.all(List.of(
                    Condition.match("postalPrefix", List.of(String.valueOf(100 + z)), "c"),
                    Condition.match("customerType", List.of("B2C"), "c")), "c")));
        }
        // 100 NAMED_ACCOUNTS territories: 50 named accounts each
        for (int k = 0; k < 100; k++) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ids.add("acc-" + (k * 9973 + i * 101) % ACCOUNTS);
            }
            rules.add(rule("named-" + k, "NAMED-" + k, 9, Condition.match("accountId", ids, "c")));
        }
        // 1 catch-all for the rest of the country
        rules.add(rule("rest", "REST", 0, Condition.match("country", List.of("CN"), "c")));
        return rules;
    }

    /** 1,000,000 generated accounts (seeded): 1,050 cities in 31 provinces, 2% outside CN, a third with an industry. */
    static List<AccountProfile> accounts(Random random) {
        List<AccountProfile> accounts = new ArrayList<>(ACCOUNTS);
        for (int i = 0; i < ACCOUNTS; i++) {
            int city = random.nextInt(CITIES + 50); // some cities have no territory of their own
            accounts.add(new AccountProfile("acc-" + i, random.nextInt(50) == 0 ? "JP" : "CN", "prov-" + city % PROVINCES,
                    "city-" + city, String.valueOf(100000 + random.nextInt(900000)),
                    random.nextInt(3) == 0 ? "I" + random.nextInt(INDUSTRIES * 2) : null,
                    random.nextBoolean() ? "B2B" : "B2C"));
        }
        return accounts;
    }

    private static BoundaryRule rule(String id, String territory, int priority, Condition c) {
        return new BoundaryRule(id, territory, priority, c);
    }
}
