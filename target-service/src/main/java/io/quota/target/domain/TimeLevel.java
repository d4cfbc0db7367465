package io.quota.target.domain;

import io.quota.contracts.Dimension;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A TIME level: splits its parent's period straight into calendar months (clipped to the period), EQUAL or by
 * a weight per month ("2027-03"). Ties go to the earlier month (the member key is the period start).
 */
public record TimeLevel(Granularity granularity, AllocationMethod method, SortedMap<YearMonth, BigDecimal> weights)
        implements Level {

    public TimeLevel {
        if (granularity == null) {
            throw new PlanRuleViolation("granularity", "a TIME level needs a granularity (MONTH)");
        }
        if (!granularity.supported()) {
            throw new PlanRuleViolation("granularity", granularity + " is not supported yet; use MONTH");
        }
        if (method == AllocationMethod.EQUAL) {
            if (weights != null && !weights.isEmpty()) {
                throw new PlanRuleViolation("weights", "EQUAL takes no weights; use method WEIGHTS");
            }
            weights = null;
        } else if (method == AllocationMethod.WEIGHTS) {
            weights = Collections.unmodifiableSortedMap(Level.checkedWeights(weights));
        } else {
            throw new PlanRuleViolation("method", method + " is not supported yet; use EQUAL or WEIGHTS");
        }
    }

    /** Applies the rules to a drafted level: WEIGHTS must name every month of the plan period, and no other. */
    public static TimeLevel resolve(LevelDraft draft, Period planPeriod) {
        if (draft.members() != null && !draft.members().isEmpty()) {
            throw new PlanRuleViolation("members", "a TIME level's members are the periods it splits into; leave members out");
        }
        if (draft.method() != AllocationMethod.WEIGHTS || draft.weights() == null) {
            return new TimeLevel(draft.granularity(), draft.method(), null);
        }
        SortedMap<YearMonth, BigDecimal> weights = new TreeMap<>();
        for (Map.Entry<String, BigDecimal> w : draft.weights().entrySet()) {
            try {
                weights.put(YearMonth.parse(w.getKey()), w.getValue());
            } catch (DateTimeParseException e) {
                throw new PlanRuleViolation("weights", "weights of a MONTH level are keyed by month like 2027-03: " + w.getKey());
            }
        }
        TimeLevel level = new TimeLevel(draft.granularity(), draft.method(), weights);
        List<YearMonth> months = planPeriod.months().stream().map(Period::month).toList();
        for (YearMonth m : weights.keySet()) {
            if (!months.contains(m)) {
                throw new PlanRuleViolation("weights", m + " is outside the plan period " + planPeriod);
            }
        }
        for (YearMonth m : months) {
            if (!weights.containsKey(m)) {
                throw new PlanRuleViolation("weights", "no weight for " + m + "; WEIGHTS needs every month of the period");
            }
        }
        return level;
    }

    @Override
    public Dimension dimension() {
        return Dimension.TIME;
    }

    @Override
    public List<Branch> branches(Node parent) {
        List<Period> months = parent.period().months();
        List<Branch> branches = new ArrayList<>(months.size());
        for (Period month : months) {
            BigDecimal weight = method == AllocationMethod.EQUAL ? BigDecimal.ONE
                    : weights.getOrDefault(month.month(), BigDecimal.ZERO);
            branches.add(new Branch(new Share(month.start().toString(), weight), parent.within(month)));
        }
        return branches;
    }

    @Override
    public LevelDraft toDraft() {
        Map<String, BigDecimal> byMonth = null;
        if (weights != null) {
            byMonth = new java.util.LinkedHashMap<>();
            for (Map.Entry<YearMonth, BigDecimal> w : weights.entrySet()) {
                byMonth.put(w.getKey().toString(), w.getValue());
            }
        }
        return new LevelDraft(Dimension.TIME, method, granularity, null, byMonth);
    }

    @Override
    public int fanOut(Period planPeriod) {
        return planPeriod.months().size();
    }
}
