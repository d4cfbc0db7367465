package io.quota.territory.domain.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns accounts to leaf territories by boundary rules, without evaluating every rule for every account.
 *
 * <p>Each rule is indexed under its <em>anchors</em>: attribute values at least one of which every account it
 * matches must have (a test's own values; for AND the anchors of its most selective part; for OR the union of its
 * parts' anchors). Exact values sit in a hash map per attribute, postal prefixes in a trie walked along the
 * account's postal code. An account is checked only against the rules anchored at its own values, best priority
 * first, and the walk stops below the first matching priority.
 *
 * <p>Immutable once built; {@link #assign} is safe to call from several threads.
 */
public final class RuleEngine {
    /** Best priority first; ties in rule id order, so results never depend on input order. */
    private final BoundaryRule[] rules;
    private final EnumMap<AccountAttribute, Map<String, int[]>> exact = new EnumMap<>(AccountAttribute.class);
    private final PrefixTrie postal = new PrefixTrie();

    private RuleEngine(BoundaryRule[] rules) {
        this.rules = rules;
        EnumMap<AccountAttribute, Map<String, List<Integer>>> building = new EnumMap<>(AccountAttribute.class);
        for (int i = 0; i < rules.length; i++) {
            for (Condition.Match anchor : anchors(rules[i].condition())) {
                for (String value : anchor.values()) {
                    if (anchor.attribute() == AccountAttribute.POSTAL_PREFIX) {
                        postal.add(value, i);
                    } else {
                        building.computeIfAbsent(anchor.attribute(), a -> new HashMap<>())
                                .computeIfAbsent(value, v -> new ArrayList<>()).add(i);
                    }
                }
            }
        }
        building.forEach((attribute, byValue) -> {
            Map<String, int[]> packed = new HashMap<>(byValue.size() * 2);
            byValue.forEach((v, list) -> packed.put(v, list.stream().mapToInt(Integer::intValue).distinct().toArray()));
            exact.put(attribute, packed);
        });
        postal.pack();
    }

    public static RuleEngine of(Collection<BoundaryRule> rules) {
        BoundaryRule[] sorted = rules.toArray(BoundaryRule[]::new);
        Arrays.sort(sorted, Comparator.comparingInt(BoundaryRule::priority).reversed()
                .thenComparing(BoundaryRule::ruleId));
        return new RuleEngine(sorted);
    }

    public int ruleCount() {
        return rules.length;
    }

    public Assignment assign(AccountProfile account) {
        return assign(account, new Scratch(rules.length));
    }

    /** Assigns many accounts reusing one scratch buffer (the fast path for a whole model). */
    public List<Assignment> assignAll(Collection<AccountProfile> accounts) {
        AccountProfile[] in = accounts.toArray(AccountProfile[]::new);
        Assignment[] out = new Assignment[in.length];
        // the index is read-only, so chunks run on several cores at once, each with its own scratch space
        int chunks = (in.length + CHUNK - 1) / CHUNK;
        java.util.stream.IntStream.range(0, chunks).parallel().forEach(c -> {
            Scratch scratch = new Scratch(rules.length);
            for (int i = c * CHUNK, end = Math.min(in.length, i + CHUNK); i < end; i++) {
                out[i] = assign(in[i], scratch);
            }
        });
        return Arrays.asList(out);
    }

    /** Accounts per parallel chunk: large enough that splitting costs nothing next to the work. */
    private static final int CHUNK = 16_384;

    private Assignment assign(AccountProfile account, Scratch s) {
        s.begin();
        for (Map.Entry<AccountAttribute, Map<String, int[]>> e : exact.entrySet()) {
            String value = account.value(e.getKey());
            if (value != null) {
                s.addAll(e.getValue().get(value));
            }
        }
        if (account.postalCode() != null) {
            postal.collect(account.postalCode(), s);
        }
        int[] candidates = s.sorted();
        int bestPriority = Integer.MIN_VALUE;
        String first = null;
        List<String> tied = null;
        for (int index : candidates) {
            BoundaryRule rule = rules[index];
            if (first != null && rule.priority() < bestPriority) {
                break; // everything further is worse than what already matched
            }
            if (!rule.condition().matches(account)) {
                continue;
            }
            if (first == null) {
                first = rule.territoryId();
                bestPriority = rule.priority();
            } else if (!rule.territoryId().equals(first) && (tied == null || !tied.contains(rule.territoryId()))) {
                if (tied == null) {
                    tied = new ArrayList<>(List.of(first));
                }
                tied.add(rule.territoryId());
            }
        }
        if (first == null) {
            return Assignment.orphan(account.accountId());
        }
        if (tied != null) {
            tied.sort(null);
            return new Assignment(account.accountId(), Assignment.Outcome.OVERLAP, null, List.copyOf(tied),
                    bestPriority);
        }
        return new Assignment(account.accountId(), Assignment.Outcome.ASSIGNED, first, List.of(first), bestPriority);
    }

    /** The tests one of which every account matching {@code c} passes: what the rule is indexed under. */
    static List<Condition.Match> anchors(Condition c) {
        if (c instanceof Condition.Match m) {
            return List.of(m);
        }
        if (c instanceof Condition.Any any) {
            return any.parts().stream().flatMap(p -> anchors(p).stream()).toList();
        }
        return ((Condition.All) c).parts().stream().map(RuleEngine::anchors)
                .min(Comparator.comparingInt(RuleEngine::valueCount)).orElseThrow();
    }

    private static int valueCount(List<Condition.Match> anchors) {
        return anchors.stream().mapToInt(m -> m.values().size()).sum();
    }

    /** Per-call buffers: the candidate rules of one account, deduplicated by a stamp per rule. */
    static final class Scratch {
        private final int[] stamp;
        private int current;
        private int[] found = new int[16];
        private int size;

        Scratch(int rules) {
            stamp = new int[rules];
        }

        void begin() {
            current++;
            size = 0;
        }

        void addAll(int[] indexes) {
            if (indexes == null) {
                return;
            }
            for (int i : indexes) {
                if (stamp[i] != current) {
                    stamp[i] = current;
                    if (size == found.length) {
                        found = Arrays.copyOf(found, size * 2);
                    }
                    found[size++] = i;
                }
            }
        }

        int[] sorted() {
            int[] out = Arrays.copyOf(found, size);
            Arrays.sort(out);
            return out;
        }
    }

    /** Postal prefixes, one character per level; walking a postal code visits every prefix of it once. */
    static final class PrefixTrie {
        private final Node root = new Node();

        void add(String prefix, int rule) {
            Node n = root;
            for (int i = 0; i < prefix.length(); i++) {
                n = n.children.computeIfAbsent(prefix.charAt(i), ch -> new Node());
            }
            n.building.add(rule);
        }

        void pack() {
            root.pack();
        }

        void collect(String postalCode, Scratch s) {
            Node n = root;
            for (int i = 0; i < postalCode.length() && n != null; i++) {
                n = n.children.get(postalCode.charAt(i));
                if (n != null) {
                    s.addAll(n.rules);
                }
            }
        }

        private static final class Node {
            final Map<Character, Node> children = new HashMap<>(4);
            List<Integer> building = new ArrayList<>(1);
            int[] rules;

            void pack() {
                rules = building.isEmpty() ? null : building.stream().mapToInt(Integer::intValue).distinct().toArray();
                building = null;
                children.values().forEach(Node::pack);
            }
        }
    }
}
