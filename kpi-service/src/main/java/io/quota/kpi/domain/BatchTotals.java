package io.quota.kpi.domain;

import io.quota.contracts.Metric;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One batch of admitted actuals pre-aggregated in memory (DESIGN.md section 8: per-event rows are the
 * bottleneck), so the database sees one commutative upsert per distinct key instead of one write per event.
 * Key members are never null: "" stands for "none".
 */
public final class BatchTotals {
    /** The members of the other dimensions an actual names. */
    public record Members(String industry, String customerType, String productLine, String channel) {
        public static Members of(String industry, String customerType, String productLine, String channel) {
            return new Members(nz(industry), nz(customerType), nz(productLine), nz(channel));
        }
    }

    public record TerritoryDay(Metric metric, String unit, String territoryId, LocalDate date, Members members,
                               boolean repNamed) {
    }

    public record RepDay(Metric metric, String unit, String repId, LocalDate date) {
    }

    /** An account's facts of a day, and the territory they are credited to. */
    public record AccountDay(String accountId, Metric metric, String unit, LocalDate date, Members members,
                             boolean repNamed, String territoryId) {
    }

    /**
     * A territory day to evaluate for drift. traceparent: the W3C trace context of the last actual that touched it
     * (nullable), so the evaluation continues that actual's trace.
     */
    public record Touched(Metric metric, String territoryId, LocalDate date, String traceparent) {
    }

    private record Day(Metric metric, String territoryId, LocalDate date) {
    }

    /** An admitted actual with its crediting decided. */
    public record Credited(Metric metric, String unit, BigDecimal value, LocalDate date, String territoryId,
                           Members members, String creditedViaAccount, Map<String, BigDecimal> repShares,
                           String traceparent) {
    }

    private final Map<TerritoryDay, BigDecimal> territories = new HashMap<>();
    private final Map<RepDay, BigDecimal> reps = new HashMap<>();
    private final Map<AccountDay, BigDecimal> accounts = new HashMap<>();
    private final Map<Day, Touched> touched = new LinkedHashMap<>();
    private int count;

    public void add(Credited a) {
        String territory = nz(a.territoryId());
        boolean repNamed = !a.repShares().isEmpty();
        territories.merge(new TerritoryDay(a.metric(), a.unit(), territory, a.date(), a.members(), repNamed),
                a.value(), BigDecimal::add);
        a.repShares().forEach((rep, share) -> reps.merge(new RepDay(a.metric(), a.unit(), rep, a.date()), share,
                BigDecimal::add));
        if (a.creditedViaAccount() != null) {
            accounts.merge(new AccountDay(a.creditedViaAccount(), a.metric(), a.unit(), a.date(), a.members(), repNamed,
                    territory), a.value(), BigDecimal::add);
        }
        if (!territory.isEmpty()) {
            // the last actual with a trace context names the mark's trace (one without leaves the earlier one)
            touched.merge(new Day(a.metric(), territory, a.date()),
                    new Touched(a.metric(), territory, a.date(), a.traceparent()),
                    (earlier, later) -> later.traceparent() == null ? earlier : later);
        }
        count++;
    }

    public Map<TerritoryDay, BigDecimal> territories() {
        return territories;
    }

    public Map<RepDay, BigDecimal> reps() {
        return reps;
    }

    public Map<AccountDay, BigDecimal> accounts() {
        return accounts;
    }

    public Collection<Touched> touched() {
        return touched.values();
    }

    /**
     * The touched days some active plan counts (its metric, a date inside its period): only these can move a
     * node, so only these are marked for drift evaluation (a bulk load into days no plan covers marks nothing).
     */
    public Set<Touched> touchedCountedBy(Collection<PlanTerms> activePlans) {
        Set<Touched> counted = new LinkedHashSet<>();
        for (Touched t : touched.values()) {
            if (activePlans.stream().anyMatch(p -> p.metric() == t.metric() && p.period().contains(t.date()))) {
                counted.add(t);
            }
        }
        return counted;
    }

    /** How many actuals were added. */
    public int count() {
        return count;
    }

    public static String nz(String s) {
        return s == null ? "" : s;
    }
}
