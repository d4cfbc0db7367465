package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole decompositions over random plans (dimensions in any order, EQUAL and WEIGHTS with zeros, one or two TIME
 * levels, pins): every parent is the exact largest-remainder split of its children's sum, the cells add up to
 * the total, pins are kept, nothing is negative, and the streamed count is the count announced up front.
 */
class DecompositionPropertiesTest {
    static final List<Dimension> MEMBER_DIMENSIONS = List.of(Dimension.TERRITORY, Dimension.INDUSTRY,
            Dimension.CUSTOMER_TYPE, Dimension.PRODUCT_LINE, Dimension.CHANNEL);

    /** A random plan: its drafts, and what the test needs to recompute every split. */
    record Case(Unit unit, BigDecimal total, LocalDate start, LocalDate end, List<LevelDraft> levels,
                InMemoryTerritories territories) {
        @Override
        public String toString() {
            return unit.code() + " " + total + " " + start + ".." + end + " " + levels;
        }
    }

    @Provide
    Arbitrary<Case> plans() {
        Arbitrary<Unit> units = Arbitraries.of(Unit.of("CNY"), Unit.of("JPY"), Unit.of("KWD"), Unit.COUNT, Unit.RATIO);
        Arbitrary<Long> minorUnits = Arbitraries.longs().between(0, 9_999_999_999_999L);
        return Combinators.combine(units, minorUnits, Arbitraries.longs(), Arbitraries.integers().between(0, 40))
                .as((unit, amount, seed, startOffset) -> build(unit, amount, new Random(seed), startOffset));
    }

    private static Case build(Unit unit, long amount, Random r, int startOffset) {
        InMemoryTerritories territories = new InMemoryTerritories();
        List<LevelDraft> levels = new ArrayList<>();
        List<Dimension> dims = new ArrayList<>(MEMBER_DIMENSIONS);
        Collections.shuffle(dims, r);
        int memberLevels = r.nextInt(4);
        for (Dimension d : dims.subList(0, memberLevels)) {
            List<String> members = members(d, 1 + r.nextInt(5), r);
            if (d == Dimension.TERRITORY) {
                members.forEach(m -> territories.with(m, null, "GEOGRAPHIC", "ACTIVE"));
            }
            if (r.nextBoolean()) {
                levels.add(new LevelDraft(d, AllocationMethod.EQUAL, null, members, null));
            } else {
                Map<String, BigDecimal> weights = new LinkedHashMap<>();
                members.forEach(m -> weights.put(m, BigDecimal.valueOf(r.nextInt(4) == 0 ? 0 : r.nextInt(100_000), r.nextInt(3))));
                weights.put(members.get(0), BigDecimal.valueOf(1 + r.nextInt(1000)));
                levels.add(new LevelDraft(d, AllocationMethod.WEIGHTS, null, null, weights));
            }
        }
        // one or two TIME levels, coarse before fine, anywhere among the others
        YearMonth first = YearMonth.of(2027, 1).plusMonths(3L * (startOffset / 3));
        boolean days = r.nextInt(4) == 0;
        int quarters = days ? 1 : 1 + r.nextInt(6);
        List<LevelDraft> time = new ArrayList<>();
        if (r.nextBoolean()) {
            time.add(new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, Granularity.QUARTER, null, null));
        }
        time.add(new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, days ? Granularity.DAY : Granularity.MONTH, null, null));
        int at = r.nextInt(levels.size() + 1);
        levels.addAll(at, time);
        if (time.size() == 2 && at + 1 < levels.size() && r.nextBoolean()) {
            // a member level between the quarter and the month levels
            LevelDraft moved = levels.remove(levels.size() - 1);
            if (moved.dimension() != Dimension.TIME) {
                levels.add(at + 1, moved);
            } else {
                levels.add(moved);
            }
        }
        return new Case(unit, BigDecimal.valueOf(amount, unit.minorUnit()), first.atDay(1),
                first.plusMonths(3L * quarters - 1).atEndOfMonth(), levels, territories);
    }

    private static List<String> members(Dimension d, int n, Random r) {
        List<String> pool = switch (d) {
            case CUSTOMER_TYPE -> new ArrayList<>(List.of("B2B", "B2C"));
            case CHANNEL -> new ArrayList<>(Level.CHANNELS);
            default -> {
                List<String> names = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    names.add(d.name().substring(0, 2) + "-" + (char) ('A' + r.nextInt(26)) + i);
                }
                yield names;
            }
        };
        Collections.shuffle(pool, r);
        return new ArrayList<>(pool.subList(0, Math.min(n, pool.size())));
    }

    static Plan plan(Case c) {
        return Plan.create(new PlanDraft("P", "random", TaskType.NEW_BUSINESS, Metric.REVENUE, c.unit().code(),
                c.start(), c.end(), "UTC", c.total(), c.levels(), null, null), c.territories(), "planner",
                Instant.EPOCH).plan();
    }

    /** One streamed cell: the label it has at every level (member, or period label of that level's size). */
    record Leaf(List<String> path, BigDecimal amount) {
    }

    static List<Leaf> leaves(Plan plan) {
        List<Leaf> leaves = new ArrayList<>();
        plan.decomposition().forEach((members, period, amount) -> {
            List<String> path = new ArrayList<>();
            for (Level l : plan.levels()) {
                path.add(l.dimension() == Dimension.TIME ? label(l.granularity(), period.start())
                        : members[l.dimension().ordinal()]);
            }
            leaves.add(new Leaf(path, amount));
        });
        return leaves;
    }

    private static String label(Granularity g, LocalDate d) {
        return switch (g) {
            case DAY -> d.toString();
            case MONTH -> YearMonth.from(d).toString();
            case QUARTER -> d.withDayOfMonth(1).minusMonths((d.getMonthValue() - 1) % 3).toString();
            case YEAR -> d.withDayOfYear(1).toString();
        };
    }

    @Property(tries = 300)
    void everySplitIsTheLargestRemainderOfItsParent(@ForAll("plans") Case c) {
        Plan plan = plan(c);
        List<Leaf> leaves = leaves(plan);
        int scale = c.unit().minorUnit();

        assertEquals(plan.decomposition().cellCount(), leaves.size(), "streamed as many cells as announced");
        assertEquals(0, leaves.stream().map(Leaf::amount).reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(c.total()));
        leaves.forEach(l -> {
            assertTrue(l.amount().signum() >= 0, "no negative cell");
            assertEquals(scale, l.amount().scale());
        });
        for (int k = 0; k < plan.levels().size(); k++) {
            Level level = plan.levels().get(k);
            LevelDraft draft = level.toDraft();
            // children sums per parent (the path above level k)
            Map<List<String>, Map<String, BigDecimal>> byParent = new HashMap<>();
            for (Leaf leaf : leaves) {
                byParent.computeIfAbsent(leaf.path().subList(0, k), p -> new TreeMap<>())
                        .merge(leaf.path().get(k), leaf.amount(), BigDecimal::add);
            }
            for (Map.Entry<List<String>, Map<String, BigDecimal>> parent : byParent.entrySet()) {
                BigDecimal sum = parent.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                List<Share> shares = new ArrayList<>();
                parent.getValue().keySet().forEach(child -> shares.add(new Share(child,
                        draft.weights() == null ? BigDecimal.ONE : draft.weights().get(child))));
                if (shares.stream().allMatch(s -> s.weight().signum() == 0)) {
                    continue; // the parent is zero and so are its children
                }
                assertEquals(LargestRemainder.split(sum, shares, scale), parent.getValue(),
                        "level " + k + " under " + parent.getKey());
            }
        }
        assertEquals(leaves, leaves(plan), "deterministic");
    }

    @Property(tries = 200)
    void pinsAreKeptAndTheRestIsSpreadByTheMethod(@ForAll("plans") Case c, @ForAll("fractions") int permille) {
        LevelDraft first = c.levels().get(0);
        if (first.dimension() == Dimension.TIME) {
            return;
        }
        List<String> members = first.members() != null ? first.members() : new ArrayList<>(first.weights().keySet());
        String pinned = members.get(members.size() - 1);
        BigDecimal pin = c.total().multiply(BigDecimal.valueOf(permille, 3)).setScale(c.unit().minorUnit(),
                java.math.RoundingMode.DOWN);
        if (members.size() == 1) {
            pin = c.total(); // a lone member pinned must take the whole parent
        }
        LevelDraft withPin = new LevelDraft(first.dimension(), first.method(), null, first.members(), first.weights(),
                null, null, null, Map.of(pinned, pin), null, null, null);
        List<LevelDraft> levels = new ArrayList<>(c.levels());
        levels.set(0, withPin);
        Case pinnedCase = new Case(c.unit(), c.total(), c.start(), c.end(), levels, c.territories());
        Plan plan = plan(pinnedCase);
        List<Leaf> leaves;
        try {
            leaves = leaves(plan);
        } catch (PlanRuleViolation v) {
            // only when the others all weigh zero and something is left to spread
            assertEquals("levels[0].weights", v.field(), v.getMessage());
            return;
        }
        BigDecimal ofPinned = leaves.stream().filter(l -> l.path().get(0).equals(pinned)).map(Leaf::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, ofPinned.compareTo(pin), "the pinned member keeps its amount");
        assertEquals(0, leaves.stream().map(Leaf::amount).reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(c.total()));
        leaves.forEach(l -> assertTrue(l.amount().signum() >= 0));
    }

    @Provide
    Arbitrary<Integer> fractions() {
        return Arbitraries.integers().between(0, 1000);
    }
}
