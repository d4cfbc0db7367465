package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Month;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * One step of decomposition (拆解层级): a dimension and an allocation method, with everything the method needs
 * resolved (members, weights from the planner, from prior actuals or from territory potential, seasonality,
 * MANUAL amounts, pins). It splits one parent amount at a time, so a decomposition never holds more than one
 * parent's children per level.
 * <p>
 * Per-parent maps are keyed by the parent's member at the level above (its period label when that level is TIME).
 */
public final class Level {
    public static final Set<String> CUSTOMER_TYPES = Set.of("B2B", "B2C");
    public static final Set<String> CHANNELS = Set.of("ONLINE_STORE", "WEBSITE", "SOCIAL", "RETAIL_STORE",
            "DISTRIBUTOR", "DIRECT");
    /** The key of the root (the plan total) in per-parent maps: the first level has one parent. */
    static final String ROOT = "";

    private final int index;
    private final Dimension dimension;
    private final AllocationMethod method;
    private final Granularity granularity;
    private final List<String> members;
    private final SortedMap<String, BigDecimal> weights;
    private final Map<String, SortedMap<String, BigDecimal>> weightsByParent;
    private final SortedMap<String, BigDecimal> amounts;
    private final Map<String, SortedMap<String, BigDecimal>> amountsByParent;
    private final SortedMap<String, BigDecimal> pins;
    private final Map<String, SortedMap<String, BigDecimal>> pinsByParent;
    private final String profile;
    private final SortedMap<Month, BigDecimal> seasonality;
    private final Boolean byParent;

    // derived at construction: the children of a non-TIME level, and integer weights per parent key
    private final String[] memberArray;
    private final Map<String, BigInteger[]> scaledWeights = new HashMap<>();
    private final Children memberChildren;
    private final Map<Period, Children> timeChildren = new HashMap<>();

    private Level(int index, Dimension dimension, AllocationMethod method, Granularity granularity,
                  List<String> members, SortedMap<String, BigDecimal> weights,
                  Map<String, SortedMap<String, BigDecimal>> weightsByParent, SortedMap<String, BigDecimal> amounts,
                  Map<String, SortedMap<String, BigDecimal>> amountsByParent, SortedMap<String, BigDecimal> pins,
                  Map<String, SortedMap<String, BigDecimal>> pinsByParent, String profile,
                  SortedMap<Month, BigDecimal> seasonality, Boolean byParent) {
        this.index = index;
        this.dimension = dimension;
        this.method = method;
        this.granularity = granularity;
        this.members = members == null ? null : List.copyOf(members);
        this.weights = weights;
        this.weightsByParent = weightsByParent;
        this.amounts = amounts;
        this.amountsByParent = amountsByParent;
        this.pins = pins;
        this.pinsByParent = pinsByParent;
        this.profile = profile;
        this.seasonality = seasonality;
        this.byParent = byParent;
        this.memberArray = members == null ? null : members.toArray(String[]::new);
        this.memberChildren = memberArray == null ? null : new Children(memberArray, memberArray, null);
    }

    /** What resolving a level needs: the plan around it and the level above (null for the first). */
    public record Context(Period period, int fiscalStartMonth, WorkDays workDays, Metric metric, Unit unit,
                          PlanningData data, Level above) {
    }

    /**
     * Applies the rules to a drafted level. Fields named in violations are relative to the level
     * ("members", "weights", "pins"...); the caller puts them under "levels[i]".
     */
    public static Level resolve(int index, LevelDraft d, Context ctx) {
        if (d.method() == null) {
            throw new PlanRuleViolation("method", "a level needs an allocation method");
        }
        if (ctx.metric().derived() && d.method() != AllocationMethod.EQUAL) {
            throw new PlanRuleViolation("method", ctx.metric() + " is a derived KPI (a ratio): it is inherited by every"
                    + " child, never split; use EQUAL, and pins to set a child's own rate");
        }
        boolean time = d.dimension() == Dimension.TIME;
        if (time && d.granularity() == null) {
            throw new PlanRuleViolation("granularity", "a TIME level needs a granularity (YEAR, QUARTER, MONTH or DAY)");
        }
        if (!time && d.granularity() != null) {
            throw new PlanRuleViolation("granularity", "only a TIME level has a granularity");
        }
        if (!time && (d.profile() != null || d.seasonality() != null)) {
            throw new PlanRuleViolation("profile", "only a TIME level is phased by a seasonality profile");
        }
        if (time && d.members() != null && !d.members().isEmpty()) {
            throw new PlanRuleViolation("members", "a TIME level's members are the periods it splits into; leave members out");
        }
        if (d.method() == AllocationMethod.POTENTIAL && d.dimension() != Dimension.TERRITORY) {
            throw new PlanRuleViolation("method", "POTENTIAL splits by territory potential: only on a TERRITORY level");
        }
        if (d.method() != AllocationMethod.WEIGHTS && (d.profile() != null || d.seasonality() != null)) {
            throw new PlanRuleViolation("profile", "a seasonality profile gives weights: use method WEIGHTS");
        }
        boolean weighted = d.method() == AllocationMethod.WEIGHTS;
        if (!weighted && (d.weights() != null && !d.weights().isEmpty() || d.weightsByParent() != null)) {
            throw new PlanRuleViolation("weights", d.method() + " takes no weights; use method WEIGHTS");
        }
        boolean manual = d.method() == AllocationMethod.MANUAL;
        if (!manual && (d.amounts() != null || d.amountsByParent() != null)) {
            throw new PlanRuleViolation("amounts", "only MANUAL takes amounts");
        }
        if (manual && (d.pins() != null || d.pinsByParent() != null)) {
            throw new PlanRuleViolation("pins", "MANUAL amounts are fixed already; pins are for the other methods");
        }
        boolean historyByParent = Boolean.TRUE.equals(d.byParent());
        if (historyByParent && d.method() != AllocationMethod.HISTORY) {
            throw new PlanRuleViolation("byParent", "byParent weighs by each parent's own actuals: only with HISTORY"
                    + " (WEIGHTS takes weightsByParent)");
        }
        if (historyByParent && ctx.above() == null) {
            throw new PlanRuleViolation("byParent", "the first level has one parent, the plan total: byParent needs a"
                    + " level above");
        }
        Set<String> parentKeys = ctx.above() == null ? Set.of(ROOT) : ctx.above().labels(ctx);
        Map<String, SortedMap<String, BigDecimal>> amountsByParent = byParent(d.amountsByParent(), "amountsByParent",
                ctx, parentKeys);
        Map<String, SortedMap<String, BigDecimal>> weightsByParent = byParent(d.weightsByParent(), "weightsByParent",
                ctx, parentKeys);
        Map<String, SortedMap<String, BigDecimal>> pinsByParent = byParent(d.pinsByParent(), "pinsByParent", ctx,
                parentKeys);

        List<String> members = null;
        SortedMap<String, BigDecimal> weights = null;
        SortedMap<Month, BigDecimal> seasonality = null;
        String profile = null;
        if (time) {
            Set<String> labels = new LinkedHashSet<>();
            List<Period> periods = d.granularity().split(ctx.period(), ctx.fiscalStartMonth(), ctx.workDays());
            periods.forEach(p -> labels.add(d.granularity().label(p)));
            if (weighted && (d.profile() != null || d.seasonality() != null)) {
                if (d.weights() != null && !d.weights().isEmpty()) {
                    throw new PlanRuleViolation("weights", "give weights or a seasonality profile, not both");
                }
                profile = d.profile();
                if (d.seasonality() != null) {
                    seasonality = SeasonalityProfile.checked(d.seasonality(), "seasonality");
                } else {
                    seasonality = new TreeMap<>(ctx.data().profile(d.profile()).orElseThrow(() ->
                            new PlanRuleViolation("profile", "no seasonality profile named " + d.profile())).weights());
                }
            } else if (weighted && weightsByParent == null) {
                weights = checkedWeights(d.weights(), "weights");
                requireExactly(weights.keySet(), labels, "weights", d.granularity());
            } else if (weighted) {
                weights = d.weights() == null || d.weights().isEmpty() ? null : checkedWeights(d.weights(), "weights");
                if (weights != null) {
                    requireWithin(weights.keySet(), labels, "weights");
                }
                weightsByParent.values().forEach(w -> requireWithin(w.keySet(), labels, "weightsByParent"));
            } else if (d.method() == AllocationMethod.HISTORY) {
                weights = new TreeMap<>();
                for (Period p : periods) {
                    weights.put(d.granularity().label(p),
                            nonNegative(ctx.data().history(ctx.metric(), d.granularity().prior(p))));
                }
                requirePositive(weights, "history: no actuals of " + ctx.metric() + " in the year before the plan period");
                if (historyByParent && ctx.above().dimension() != Dimension.TIME) {
                    weightsByParent = periodHistoryByParent(d.granularity(), periods, ctx, parentKeys);
                }
            }
            if (manual) {
                checkAmounts(d.amounts(), amountsByParent, labels, ctx.unit());
            }
            checkPins(d.pins(), pinsByParent, labels, ctx.unit());
        } else {
            members = members(d, ctx, weightsByParent, amountsByParent);
            Set<String> known = new HashSet<>(members);
            switch (d.method()) {
                case WEIGHTS -> {
                    if (d.weights() != null && !d.weights().isEmpty()) {
                        weights = checkedWeights(d.weights(), "weights");
                        requireWithin(weights.keySet(), known, "weights");
                    } else if (weightsByParent == null) {
                        throw new PlanRuleViolation("weights", "WEIGHTS needs a weight per member (weights or weightsByParent)");
                    }
                    if (weightsByParent != null) {
                        weightsByParent.values().forEach(w -> requireWithin(w.keySet(), known, "weightsByParent"));
                    }
                }
                case HISTORY -> {
                    weights = weighed(members, ctx.data().history(ctx.metric(), d.dimension(), ctx.period().yearBefore()));
                    requirePositive(weights, "history: no actuals of " + ctx.metric() + " for these members in the"
                            + " year before the plan period");
                    if (historyByParent) {
                        weightsByParent = memberHistoryByParent(d.dimension(), members, ctx, parentKeys);
                    }
                }
                case POTENTIAL -> {
                    Map<String, Territory> found = ctx.data().territories().find(members);
                    weights = new TreeMap<>();
                    for (String m : members) {
                        Territory t = found.get(m);
                        weights.put(m, t == null || t.potential() == null ? BigDecimal.ZERO : nonNegative(t.potential()));
                    }
                    requirePositive(weights, "no potential is known for these territories (TerritoryChanged.potential)");
                }
                case MANUAL -> checkAmounts(d.amounts(), amountsByParent, known, ctx.unit());
                default -> {
                }
            }
            checkPins(d.pins(), pinsByParent, known, ctx.unit());
        }
        SortedMap<String, BigDecimal> amounts = manual && d.amounts() != null ? new TreeMap<>(d.amounts()) : null;
        SortedMap<String, BigDecimal> pins = d.pins() == null || d.pins().isEmpty() ? null : new TreeMap<>(d.pins());
        return new Level(index, d.dimension(), d.method(), d.granularity(), members, weights, weightsByParent,
                amounts, amountsByParent, pins, pinsByParent, profile, seasonality, historyByParent ? Boolean.TRUE : null);
    }

    /** A stored level back, as it was resolved: nothing is looked up again. */
    public static Level restore(int index, LevelDraft d) {
        return new Level(index, d.dimension(), d.method(), d.granularity(), d.members(), sorted(d.weights()),
                sortedByParent(d.weightsByParent()), sorted(d.amounts()), sortedByParent(d.amountsByParent()),
                sorted(d.pins()), sortedByParent(d.pinsByParent()), d.profile(),
                d.seasonality() == null ? null : new TreeMap<>(d.seasonality()), d.byParent());
    }

    /** The level written out with everything resolved, to store or show. */
    public LevelDraft toDraft() {
        return new LevelDraft(dimension, method, granularity, members, weights, unsorted(weightsByParent), amounts,
                unsorted(amountsByParent), pins, unsorted(pinsByParent), profile,
                seasonality == null ? null : new EnumMap<>(seasonality), byParent);
    }

    // ---------------------------------------------------------------- splitting

    /** The children of one parent at this level: their tie-break keys, their labels and (TIME) their periods. */
    record Children(String[] keys, String[] labels, Period[] periods) {
        int size() {
            return keys.length;
        }
    }

    /**
     * The children of a parent whose period is {@code parent}. A level belongs to one plan (one calendar, one
     * fiscal start), so they are made once per parent period: a million cells share a few hundred periods.
     */
    Children children(Period parent, int fiscalStartMonth, WorkDays workDays) {
        if (dimension != Dimension.TIME) {
            return memberChildren;
        }
        return timeChildren.computeIfAbsent(parent, p -> timeChildren(p, fiscalStartMonth, workDays));
    }

    private Children timeChildren(Period parent, int fiscalStartMonth, WorkDays workDays) {
        List<Period> parts = granularity.split(parent, fiscalStartMonth, workDays);
        int n = parts.size();
        String[] keys = new String[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = parts.get(i).start().toString(); // ties go to the earlier period
            labels[i] = granularity.label(parts.get(i));
        }
        return new Children(keys, labels, parts.toArray(Period[]::new));
    }

    /**
     * Splits a parent amount (in minor units) among its children: MANUAL amounts (which must add up to it),
     * else pins first and the rest by the method's weights, largest remainder. A derived KPI is inherited: each
     * child gets the parent's rate unless pinned.
     */
    BigInteger[] split(BigInteger parent, String parentLabel, Children ch, Unit unit, boolean derived,
                       WorkDays workDays, Supplier<String> where) {
        int n = ch.size();
        BigInteger[] parts = new BigInteger[n];
        if (n == 0) {
            throw violation("granularity", "no working day in " + where.get() + " to phase into");
        }
        SortedMap<String, BigDecimal> pinned = pinsByParent != null && pinsByParent.containsKey(parentLabel)
                ? pinsByParent.get(parentLabel) : pins;
        if (derived) {
            for (int i = 0; i < n; i++) {
                BigDecimal pin = pinned == null ? null : pinned.get(ch.labels()[i]);
                parts[i] = pin == null ? parent : units(pin, unit);
            }
            return parts;
        }
        if (method == AllocationMethod.MANUAL) {
            SortedMap<String, BigDecimal> given = amountsByParent != null && amountsByParent.containsKey(parentLabel)
                    ? amountsByParent.get(parentLabel) : amounts;
            String field = amountsByParent != null && amountsByParent.containsKey(parentLabel) ? "amountsByParent" : "amounts";
            if (given == null) {
                throw violation("amountsByParent", "no MANUAL amounts for the parent " + where.get());
            }
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                BigDecimal a = given.get(ch.labels()[i]);
                parts[i] = a == null ? BigInteger.ZERO : units(a, unit);
                sum = sum.add(parts[i]);
            }
            if (sum.compareTo(parent) != 0) {
                throw violation(field, "MANUAL amounts under " + where.get() + " add up to " + money(sum, unit)
                        + " but the parent is " + money(parent, unit) + ": difference " + money(parent.subtract(sum), unit));
            }
            return parts;
        }
        BigInteger rest = parent;
        boolean[] fixed = new boolean[n];
        int free = n;
        if (pinned != null) {
            for (int i = 0; i < n; i++) {
                BigDecimal pin = pinned.get(ch.labels()[i]);
                if (pin != null) {
                    parts[i] = units(pin, unit);
                    fixed[i] = true;
                    free--;
                    rest = rest.subtract(parts[i]);
                }
            }
            String field = pinsByParent != null && pinsByParent.containsKey(parentLabel) ? "pinsByParent" : "pins";
            if (rest.signum() < 0) {
                throw violation(field, "pins under " + where.get() + " add up to " + money(parent.subtract(rest), unit)
                        + ", above the parent's " + money(parent, unit) + " by " + money(rest.negate(), unit));
            }
            if (free == 0 && rest.signum() != 0) {
                throw violation(field, "every member under " + where.get() + " is pinned but the pins leave "
                        + money(rest, unit) + " of the parent's " + money(parent, unit) + " unallocated");
            }
        }
        if (free == 0) {
            return parts;
        }
        BigInteger[] w = weights(parentLabel, ch, workDays, where);
        BigInteger[] freeWeights = new BigInteger[free];
        String[] freeKeys = new String[free];
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0, k = 0; i < n; i++) {
            if (!fixed[i]) {
                freeWeights[k] = w[i];
                freeKeys[k++] = ch.keys()[i];
                sum = sum.add(w[i]);
            }
        }
        if (sum.signum() == 0 && method == AllocationMethod.HISTORY) {
            // no actuals at all under this parent (a new member, a day that sold nothing last year): spread equally
            java.util.Arrays.fill(freeWeights, BigInteger.ONE);
            sum = BigInteger.valueOf(free);
        }
        if (sum.signum() == 0) {
            if (rest.signum() == 0) {
                for (int i = 0; i < n; i++) {
                    if (!fixed[i]) {
                        parts[i] = BigInteger.ZERO;
                    }
                }
                return parts;
            }
            throw violation(weightsByParent != null && weightsByParent.containsKey(parentLabel) ? "weightsByParent"
                    : "weights", "the members under " + where.get() + " that are not pinned all weigh zero, so "
                    + money(rest, unit) + " cannot be spread");
        }
        BigInteger[] spread = LargestRemainder.splitUnits(rest, freeWeights, sum, freeKeys);
        for (int i = 0, k = 0; i < n; i++) {
            if (!fixed[i]) {
                parts[i] = spread[k++];
            }
        }
        return parts;
    }

    /** Integer weights of a parent's children (a common decimal scale), by the level's method. */
    private BigInteger[] weights(String parentLabel, Children ch, WorkDays workDays, Supplier<String> where) {
        if (dimension != Dimension.TIME) {
            return scaledWeights.computeIfAbsent(
                    weightsByParent != null && weightsByParent.containsKey(parentLabel) ? parentLabel : ROOT, key -> {
                        SortedMap<String, BigDecimal> w = key.equals(ROOT) ? weights : weightsByParent.get(key);
                        if (method != AllocationMethod.EQUAL && w == null) {
                            throw violation("weightsByParent", "no weights for the parent " + where.get());
                        }
                        BigDecimal[] decimals = new BigDecimal[memberArray.length];
                        for (int i = 0; i < memberArray.length; i++) {
                            decimals[i] = method == AllocationMethod.EQUAL ? BigDecimal.ONE
                                    : w.getOrDefault(memberArray[i], BigDecimal.ZERO);
                        }
                        return scale(decimals);
                    });
        }
        int n = ch.size();
        BigDecimal[] decimals = new BigDecimal[n];
        if (method == AllocationMethod.EQUAL) {
            java.util.Arrays.fill(decimals, BigDecimal.ONE);
        } else if (seasonality != null) {
            seasonal(ch, decimals, workDays);
        } else {
            SortedMap<String, BigDecimal> w = weightsByParent != null && weightsByParent.containsKey(parentLabel)
                    ? weightsByParent.get(parentLabel) : weights;
            if (w == null) {
                throw violation("weightsByParent", "no weights for the parent " + where.get());
            }
            for (int i = 0; i < n; i++) {
                decimals[i] = w.getOrDefault(ch.labels()[i], BigDecimal.ZERO);
            }
        }
        return scale(decimals);
    }

    /**
     * Seasonality: a month weighs its profile weight, a quarter the sum of its months, a day its month's weight
     * shared equally over the working days the month has under this parent (scaled by their least common
     * multiple, so the weights stay exact integers).
     */
    private void seasonal(Children ch, BigDecimal[] out, WorkDays workDays) {
        if (granularity != Granularity.DAY) {
            for (int i = 0; i < out.length; i++) {
                BigDecimal w = BigDecimal.ZERO;
                for (YearMonth m = YearMonth.from(ch.periods()[i].start()); !m.atDay(1).isAfter(ch.periods()[i].end());
                     m = m.plusMonths(1)) {
                    w = w.add(seasonality.get(m.getMonth()));
                }
                out[i] = w;
            }
            return;
        }
        Map<YearMonth, Integer> days = new HashMap<>();
        for (Period p : ch.periods()) {
            days.merge(YearMonth.from(p.start()), 1, Integer::sum);
        }
        BigInteger lcm = BigInteger.ONE;
        for (int c : days.values()) {
            BigInteger b = BigInteger.valueOf(c);
            lcm = lcm.multiply(b).divide(lcm.gcd(b));
        }
        for (int i = 0; i < out.length; i++) {
            YearMonth m = YearMonth.from(ch.periods()[i].start());
            out[i] = seasonality.get(m.getMonth()).multiply(new BigDecimal(lcm.divide(BigInteger.valueOf(days.get(m)))));
        }
    }

    private static BigInteger[] scale(BigDecimal[] decimals) {
        int scale = 0;
        for (BigDecimal d : decimals) {
            scale = Math.max(scale, d.stripTrailingZeros().scale());
        }
        BigInteger[] ints = new BigInteger[decimals.length];
        for (int i = 0; i < decimals.length; i++) {
            ints[i] = decimals[i].movePointRight(scale).toBigIntegerExact();
        }
        return ints;
    }

    /** Weights of members from actuals (absent or negative: zero). */
    private static SortedMap<String, BigDecimal> weighed(List<String> members, Map<String, BigDecimal> actuals) {
        SortedMap<String, BigDecimal> w = new TreeMap<>();
        for (String m : members) {
            w.put(m, nonNegative(actuals.getOrDefault(m, BigDecimal.ZERO)));
        }
        return w;
    }

    /**
     * HISTORY per parent on a member level: each parent's children weighed by the actuals of that parent alone
     * (the parent's member, or its period a year before when the level above is TIME). Parents without any actuals
     * are left out: they take the level's overall history weights.
     */
    private static Map<String, SortedMap<String, BigDecimal>> memberHistoryByParent(Dimension dimension,
            List<String> members, Context ctx, Set<String> parentKeys) {
        Map<String, SortedMap<String, BigDecimal>> byParent = new LinkedHashMap<>();
        Level above = ctx.above();
        if (above.dimension() == Dimension.TIME) {
            for (Period p : above.granularity().split(ctx.period(), ctx.fiscalStartMonth(), ctx.workDays())) {
                byParent.put(above.granularity().label(p),
                        weighed(members, ctx.data().history(ctx.metric(), dimension, above.granularity().prior(p))));
            }
        } else {
            Map<String, Map<String, BigDecimal>> actuals = ctx.data().history(ctx.metric(), above.dimension(), dimension,
                    ctx.period().yearBefore());
            for (String parent : parentKeys) {
                byParent.put(parent, weighed(members, actuals.getOrDefault(parent, Map.of())));
            }
        }
        return withActuals(byParent);
    }

    /**
     * HISTORY per parent on a TIME level under a member level: each parent member's periods weighed by that
     * member's actuals in the prior periods. Parents without any actuals take the overall weights.
     */
    private static Map<String, SortedMap<String, BigDecimal>> periodHistoryByParent(Granularity granularity,
            List<Period> periods, Context ctx, Set<String> parentKeys) {
        Map<String, SortedMap<String, BigDecimal>> byParent = new LinkedHashMap<>();
        for (String parent : parentKeys) {
            byParent.put(parent, new TreeMap<>());
        }
        for (Period p : periods) {
            Map<String, BigDecimal> actuals = ctx.data().history(ctx.metric(), ctx.above().dimension(), granularity.prior(p));
            for (String parent : parentKeys) {
                byParent.get(parent).put(granularity.label(p), nonNegative(actuals.getOrDefault(parent, BigDecimal.ZERO)));
            }
        }
        return withActuals(byParent);
    }

    private static Map<String, SortedMap<String, BigDecimal>> withActuals(Map<String, SortedMap<String, BigDecimal>> byParent) {
        byParent.values().removeIf(w -> w.values().stream().allMatch(v -> v.signum() == 0));
        return byParent.isEmpty() ? null : Collections.unmodifiableMap(byParent);
    }

    /** The labels of this level's children anywhere in the plan: what the level below keys per-parent maps by. */
    Set<String> labels(Context ctx) {
        if (dimension != Dimension.TIME) {
            return new LinkedHashSet<>(members);
        }
        Set<String> labels = new LinkedHashSet<>();
        granularity.split(ctx.period(), ctx.fiscalStartMonth(), ctx.workDays()).forEach(p -> labels.add(granularity.label(p)));
        return labels;
    }

    /** How many children each parent has (non-TIME levels). */
    int fanOut() {
        return members.size();
    }

    // ---------------------------------------------------------------- rules

    private static List<String> members(LevelDraft d, Context ctx, Map<String, SortedMap<String, BigDecimal>> weightsByParent,
                                        Map<String, SortedMap<String, BigDecimal>> amountsByParent) {
        List<String> members = d.members();
        String field = "members";
        if (members == null || members.isEmpty()) {
            Set<String> keys = new TreeSet<>();
            if (d.method() == AllocationMethod.WEIGHTS) {
                field = (d.weights() == null || d.weights().isEmpty()) && weightsByParent != null ? "weightsByParent" : "weights";
                if (d.weights() != null) {
                    keys.addAll(d.weights().keySet());
                }
                if (weightsByParent != null) {
                    weightsByParent.values().forEach(w -> keys.addAll(w.keySet()));
                }
            } else if (d.method() == AllocationMethod.MANUAL) {
                field = d.amounts() == null && amountsByParent != null ? "amountsByParent" : "amounts";
                if (d.amounts() != null) {
                    keys.addAll(d.amounts().keySet());
                }
                if (amountsByParent != null) {
                    amountsByParent.values().forEach(w -> keys.addAll(w.keySet()));
                }
            } else if (d.dimension() == Dimension.TERRITORY) {
                // no members named: every ACTIVE leaf territory the replica knows (in the caller's scope)
                keys.addAll(ctx.data().territories().targetCarrying());
                if (keys.isEmpty()) {
                    throw new PlanRuleViolation("members",
                            "no members given and no ACTIVE leaf territory is known yet (replica of quota.territories.v1)");
                }
            }
            members = new ArrayList<>(keys);
        }
        if (members.isEmpty()) {
            throw new PlanRuleViolation(field, "a " + d.dimension() + " level needs at least one member");
        }
        Set<String> seen = new HashSet<>();
        for (String m : members) {
            if (m == null || !NodeKey.ID.matcher(m).matches()) {
                throw new PlanRuleViolation(field, "member id must match " + NodeKey.ID.pattern() + ": " + m);
            }
            if (!seen.add(m)) {
                throw new PlanRuleViolation(field, m + " appears twice");
            }
        }
        switch (d.dimension()) {
            case TERRITORY -> requireCarryTargets(members, ctx.data().territories(), field);
            case CUSTOMER_TYPE -> requireAmong(members, CUSTOMER_TYPES, field);
            case CHANNEL -> requireAmong(members, CHANNELS, field);
            default -> {
            }
        }
        return members;
    }

    private static void requireAmong(List<String> members, Set<String> allowed, String field) {
        Set<String> unknown = new TreeSet<>(members);
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new PlanRuleViolation(field, "unknown members " + unknown + "; known: " + new TreeSet<>(allowed));
        }
    }

    private static void requireCarryTargets(List<String> members, TerritoryDirectory territories, String field) {
        Map<String, Territory> known = territories.find(members);
        Set<String> unknown = new TreeSet<>();
        Set<String> inactive = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        for (String m : members) {
            Territory t = known.get(m);
            if (t == null) {
                unknown.add(m);
            } else if (!Territory.ACTIVE.equals(t.status())) {
                inactive.add(m);
            } else if (Territory.REGION.equals(t.type())) {
                regions.add(m);
            }
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("unknown territories " + unknown);
        }
        if (!inactive.isEmpty()) {
            problems.add("not ACTIVE " + inactive);
        }
        if (!regions.isEmpty()) {
            problems.add("REGIONs (a region's target is the sum of its leaves) " + regions);
        }
        if (!problems.isEmpty()) {
            throw new PlanRuleViolation(field, "members must be ACTIVE leaf territories: " + String.join("; ", problems));
        }
    }

    /** Checks a weights map: at least one weight, none negative, not all zero. */
    static SortedMap<String, BigDecimal> checkedWeights(Map<String, BigDecimal> weights, String field) {
        if (weights == null || weights.isEmpty()) {
            throw new PlanRuleViolation(field, "WEIGHTS needs a weight per member");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> w : weights.entrySet()) {
            if (w.getValue() == null || w.getValue().signum() < 0) {
                throw new PlanRuleViolation(field, "weight of " + w.getKey() + " must be a number >= 0");
            }
            sum = sum.add(w.getValue());
        }
        if (sum.signum() == 0) {
            throw new PlanRuleViolation(field, "weights are all zero: nothing to split by");
        }
        return new TreeMap<>(weights);
    }

    private static Map<String, SortedMap<String, BigDecimal>> byParent(Map<String, Map<String, BigDecimal>> given,
                                                                     String field, Context ctx, Set<String> parentKeys) {
        if (given == null) {
            return null;
        }
        if (ctx.above() == null) {
            throw new PlanRuleViolation(field, "the first level has one parent, the plan total: use the map without"
                    + " ByParent");
        }
        Map<String, SortedMap<String, BigDecimal>> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, BigDecimal>> e : given.entrySet()) {
            if (!parentKeys.contains(e.getKey())) {
                throw new PlanRuleViolation(field, "unknown parent " + e.getKey() + "; parents are the members (or"
                        + " period labels) of the level above: " + abbreviated(parentKeys));
            }
            if (e.getValue() == null) {
                throw new PlanRuleViolation(field, "parent " + e.getKey() + " has no map");
            }
            checked.put(e.getKey(), field.startsWith("weights") ? checkedWeights(e.getValue(), field)
                    : new TreeMap<>(e.getValue()));
        }
        return Collections.unmodifiableMap(checked);
    }

    private static void checkAmounts(Map<String, BigDecimal> amounts, Map<String, SortedMap<String, BigDecimal>> byParent,
                                     Set<String> known, Unit unit) {
        if ((amounts == null || amounts.isEmpty()) && byParent == null) {
            throw new PlanRuleViolation("amounts", "MANUAL needs an amount per member (amounts or amountsByParent)");
        }
        if (amounts != null) {
            requireAmounts(amounts, known, unit, "amounts");
        }
        if (byParent != null) {
            byParent.values().forEach(a -> requireAmounts(a, known, unit, "amountsByParent"));
        }
    }

    private static void checkPins(Map<String, BigDecimal> pins, Map<String, SortedMap<String, BigDecimal>> byParent,
                                  Set<String> known, Unit unit) {
        if (pins != null) {
            requireAmounts(pins, known, unit, "pins");
        }
        if (byParent != null) {
            byParent.values().forEach(a -> requireAmounts(a, known, unit, "pinsByParent"));
        }
    }

    private static void requireAmounts(Map<String, BigDecimal> amounts, Set<String> known, Unit unit, String field) {
        requireWithin(amounts.keySet(), known, field);
        for (Map.Entry<String, BigDecimal> a : amounts.entrySet()) {
            if (a.getValue() == null || a.getValue().signum() < 0) {
                throw new PlanRuleViolation(field, "amount of " + a.getKey() + " must be a number >= 0");
            }
            if (a.getValue().stripTrailingZeros().scale() > unit.minorUnit()) {
                throw new PlanRuleViolation(field, "amount of " + a.getKey() + " has more decimals than "
                        + unit.code() + " allows (" + unit.minorUnit() + ")");
            }
        }
    }

    private static void requireWithin(Set<String> keys, Set<String> known, String field) {
        Set<String> unknown = new TreeSet<>(keys);
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new PlanRuleViolation(field, "unknown members " + abbreviated(unknown) + "; this level's members are "
                    + abbreviated(known));
        }
    }

    private static void requireExactly(Set<String> keys, Set<String> labels, String field, Granularity g) {
        requireWithin(keys, labels, field);
        for (String l : labels) {
            if (!keys.contains(l)) {
                throw new PlanRuleViolation(field, "no weight for " + l + "; WEIGHTS needs every " + g.name().toLowerCase()
                        + " of the period (keyed " + (g == Granularity.MONTH ? "like 2027-03" : "by start date") + ")");
            }
        }
    }

    private static void requirePositive(Map<String, BigDecimal> weights, String message) {
        if (weights.values().stream().allMatch(w -> w.signum() == 0)) {
            throw new PlanRuleViolation("method", message);
        }
    }

    /** Negative actuals (returns exceeding sales) weigh nothing rather than taking from others. */
    private static BigDecimal nonNegative(BigDecimal v) {
        return v == null || v.signum() < 0 ? BigDecimal.ZERO : v;
    }

    private static String abbreviated(Set<String> values) {
        List<String> list = new ArrayList<>(values);
        return list.size() <= 12 ? list.toString() : list.subList(0, 12) + " and " + (list.size() - 12) + " more";
    }

    private static BigInteger units(BigDecimal amount, Unit unit) {
        return amount.setScale(unit.minorUnit()).unscaledValue();
    }

    private static String money(BigInteger units, Unit unit) {
        return new BigDecimal(units, unit.minorUnit()).toPlainString();
    }

    private PlanRuleViolation violation(String field, String message) {
        return new PlanRuleViolation("levels[" + index + "]." + field, message);
    }

    private static SortedMap<String, BigDecimal> sorted(Map<String, BigDecimal> m) {
        return m == null ? null : new TreeMap<>(m);
    }

    private static Map<String, SortedMap<String, BigDecimal>> sortedByParent(Map<String, Map<String, BigDecimal>> m) {
        if (m == null) {
            return null;
        }
        Map<String, SortedMap<String, BigDecimal>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out;
    }

    private static Map<String, Map<String, BigDecimal>> unsorted(Map<String, SortedMap<String, BigDecimal>> m) {
        if (m == null) {
            return null;
        }
        Map<String, Map<String, BigDecimal>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, new LinkedHashMap<>(v)));
        return out;
    }

    public int index() {
        return index;
    }

    public Dimension dimension() {
        return dimension;
    }

    public AllocationMethod method() {
        return method;
    }

    public Granularity granularity() {
        return granularity;
    }

    /** The members of a non-TIME level (null for TIME). */
    public List<String> members() {
        return members;
    }
}
