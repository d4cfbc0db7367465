package io.quota.territory.domain.rules;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The index is only a shortcut: the engine assigns exactly what evaluating every rule would. */
class RuleEnginePropertyTest {
    private static final List<String> VALUES = List.of("A", "B", "C", "D");

    @Property(tries = 300)
    void indexedAssignmentEqualsEvaluatingEveryRule(@ForAll("rules") List<BoundaryRule> rules,
                                                    @ForAll("accounts") List<AccountProfile> accounts) {
        RuleEngine engine = RuleEngine.of(rules);
        for (AccountProfile account : accounts) {
            assertEquals(bruteForce(rules, account), engine.assign(account), account.toString());
        }
    }

    static Assignment bruteForce(List<BoundaryRule> rules, AccountProfile account) {
        int best = Integer.MIN_VALUE;
        TreeSet<String> territories = new TreeSet<>();
        for (BoundaryRule r : rules) {
            if (!r.condition().matches(account)) {
                continue;
            }
            if (r.priority() > best) {
                best = r.priority();
                territories.clear();
            }
            if (r.priority() == best) {
                territories.add(r.territoryId());
            }
        }
        if (territories.isEmpty()) {
            return Assignment.orphan(account.accountId());
        }
        if (territories.size() > 1) {
            return new Assignment(account.accountId(), Assignment.Outcome.OVERLAP, null,
                    new ArrayList<>(territories), best);
        }
        return new Assignment(account.accountId(), Assignment.Outcome.ASSIGNED, territories.first(),
                List.of(territories.first()), best);
    }

    @Provide
    Arbitrary<List<BoundaryRule>> rules() {
        Arbitrary<BoundaryRule> rule = Combinators.combine(Arbitraries.integers().between(0, 1000),
                        Arbitraries.of("T1", "T2", "T3", "T4"), Arbitraries.integers().between(0, 3), condition(3))
                .as((n, t, p, c) -> new BoundaryRule("r" + n, t, p, c));
        return rule.list().ofMaxSize(12).uniqueElements(BoundaryRule::ruleId);
    }

    private Arbitrary<Condition> condition(int depth) {
        Arbitrary<Condition> leaf = Combinators.combine(
                        Arbitraries.of(AccountAttribute.values()),
                        Arbitraries.of(VALUES).set().ofMinSize(1).ofMaxSize(3))
                .as((a, v) -> Condition.match(a.spelling(), a == AccountAttribute.POSTAL_PREFIX
                        ? v.stream().map(x -> x.repeat(1 + Math.abs(x.hashCode()) % 2)).toList()
                        : new ArrayList<>(v), "c"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<List<Condition>> parts = Arbitraries.lazy(() -> condition(depth - 1)).list().ofMinSize(1).ofMaxSize(3);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(1, parts.map(p -> Condition.all(p, "c"))),
                net.jqwik.api.Tuple.of(1, parts.map(p -> Condition.any(p, "c"))));
    }

    @Provide
    Arbitrary<List<AccountProfile>> accounts() {
        Arbitrary<String> v = Arbitraries.of("A", "B", "C", "D").injectNull(0.1);
        Arbitrary<String> postal = Arbitraries.strings().withChars("ABCD").ofMinLength(0).ofMaxLength(4).injectNull(0.1);
        return Combinators.combine(v, v, v, v, postal, v, v)
                .as((id, country, province, city, pc, industry, type) ->
                        new AccountProfile(id, country, province, city, pc, industry, type))
                .list().ofMinSize(1).ofMaxSize(20);
    }
}
