package io.quota.territory.domain.balancing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy local search over whole units: repeatedly move, from a territory loaded above another, the one unit whose
 * move most lowers the spread (the sum of the squared coefficients of variation of potential per rep and workload
 * per rep), most loaded donor and least loaded receiver first. It stops when no move helps, the cap on moved
 * accounts is reached, or every territory is within the tolerance. Each unit moves at most once; locked units never.
 * Deterministic: ties fall to territory id and unit key order.
 */
public final class Balancer {
    private static final double EPSILON = 1e-12;

    private final int n;
    private final String[] ids;
    private final double[] divisor;
    private final double[] potential;
    private final double[] workload;
    private final int[] accounts;
    private final int[] reps;
    /** Exact totals for the report; the doubles above drive the search. */
    private final long[] potentialMinor;
    private final long[] workloadExact;
    private final List<List<Integer>> unitsOf = new ArrayList<>();
    private final List<BalancingUnit> units;
    private final boolean[] moved;
    private final boolean useWorkload;
    private double sumP;
    private double sumSqP;
    private double sumW;
    private double sumSqW;

    private Balancer(List<BalancingTerritory> territories, List<BalancingUnit> unitList) {
        List<BalancingTerritory> sorted = territories.stream().sorted(Comparator.comparing(BalancingTerritory::id))
                .toList();
        n = sorted.size();
        ids = new String[n];
        divisor = new double[n];
        potential = new double[n];
        workload = new double[n];
        accounts = new int[n];
        reps = new int[n];
        potentialMinor = new long[n];
        workloadExact = new long[n];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            ids[i] = sorted.get(i).id();
            divisor[i] = sorted.get(i).divisor();
            reps[i] = sorted.get(i).reps();
            index.put(ids[i], i);
            unitsOf.add(new ArrayList<>());
        }
        units = unitList.stream().sorted(Comparator.comparing(BalancingUnit::key)).toList();
        moved = new boolean[units.size()];
        long totalWorkload = 0;
        for (int u = 0; u < units.size(); u++) {
            BalancingUnit unit = units.get(u);
            Integer t = index.get(unit.territoryId());
            if (t == null) {
                throw new IllegalArgumentException("unit " + unit.key() + " lies in " + unit.territoryId()
                        + ", which is not one of the territories being balanced");
            }
            potential[t] += unit.potentialMinor();
            workload[t] += unit.workload();
            accounts[t] += unit.accounts();
            potentialMinor[t] += unit.potentialMinor();
            workloadExact[t] += unit.workload();
            unitsOf.get(t).add(u);
            totalWorkload += unit.workload();
        }
        useWorkload = totalWorkload > 0;
        resum();
    }

    public static Proposal propose(List<BalancingTerritory> territories, List<BalancingUnit> units,
                                   BalancingOptions options) {
        return new Balancer(territories, units).run(options);
    }

    private Proposal run(BalancingOptions options) {
        List<TerritoryLoad> before = loads();
        Spread potentialBefore = Spread.of(perRep(potential));
        Spread workloadBefore = Spread.of(perRep(workload));
        List<Move> moves = new ArrayList<>();
        int budget = options.maxMovedAccounts();
        while (budget > 0 && n > 1 && !withinTolerance(options.tolerance())) {
            Move move = bestMove(budget);
            if (move == null) {
                break;
            }
            moves.add(move);
            budget -= move.accounts();
        }
        return new Proposal(List.copyOf(moves), options.maxMovedAccounts() - budget, potentialBefore,
                Spread.of(perRep(potential)), workloadBefore, Spread.of(perRep(workload)), before, loads());
    }

    /** The first donor/receiver pair (most loaded donors, least loaded receivers first) that has a helpful move. */
    private Move bestMove(int budget) {
        double meanP = mean(perRep(potential));
        double meanW = mean(perRep(workload));
        Integer[] order = new Integer[n];
        double[] load = new double[n];
        for (int t = 0; t < n; t++) {
            order[t] = t;
            load[t] = (meanP > 0 ? potential[t] / divisor[t] / meanP : 0)
                    + (useWorkload && meanW > 0 ? workload[t] / divisor[t] / meanW : 0);
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(t -> -load[t]).thenComparing(t -> ids[t]));
        double current = objective();
        for (int di = 0; di < n; di++) {
            int donor = order[di];
            for (int ri = n - 1; ri > di; ri--) {
                int receiver = order[ri];
                if (load[receiver] >= load[donor]) {
                    break;
                }
                int best = -1;
                double bestObjective = current - EPSILON;
                for (int u : unitsOf.get(donor)) {
                    BalancingUnit unit = units.get(u);
                    if (moved[u] || unit.locked() || unit.accounts() > budget) {
                        continue;
                    }
                    double after = objectiveAfter(donor, receiver, unit);
                    if (after < bestObjective) {
                        bestObjective = after;
                        best = u;
                    }
                }
                if (best >= 0) {
                    return apply(best, donor, receiver);
                }
            }
        }
        return null;
    }

    private Move apply(int u, int from, int to) {
        BalancingUnit unit = units.get(u);
        moved[u] = true;
        unitsOf.get(from).remove(Integer.valueOf(u));
        unitsOf.get(to).add(u);
        potential[from] -= unit.potentialMinor();
        potential[to] += unit.potentialMinor();
        workload[from] -= unit.workload();
        workload[to] += unit.workload();
        accounts[from] -= unit.accounts();
        accounts[to] += unit.accounts();
        potentialMinor[from] -= unit.potentialMinor();
        potentialMinor[to] += unit.potentialMinor();
        workloadExact[from] -= unit.workload();
        workloadExact[to] += unit.workload();
        resum();
        return new Move(unit.key(), ids[from], ids[to], unit.accounts(), unit.potentialMinor(), unit.workload());
    }

    private double objective() {
        return cv2(perRep(potential)) + (useWorkload ? cv2(perRep(workload)) : 0);
    }

    /** The objective if {@code unit} moved from one territory to the other; only their two values change. */
    private double objectiveAfter(int from, int to, BalancingUnit unit) {
        double p = cv2Moved(potential, sumP, sumSqP, from, to, unit.potentialMinor());
        double w = useWorkload ? cv2Moved(workload, sumW, sumSqW, from, to, unit.workload()) : 0;
        return p + w;
    }

    /** O(1): the sums of per-rep values change only at the two territories involved. */
    private double cv2Moved(double[] totals, double sum, double sumSq, int from, int to, double amount) {
        double oldFrom = totals[from] / divisor[from];
        double oldTo = totals[to] / divisor[to];
        double newFrom = (totals[from] - amount) / divisor[from];
        double newTo = (totals[to] + amount) / divisor[to];
        return cv2(sum - oldFrom - oldTo + newFrom + newTo,
                sumSq - oldFrom * oldFrom - oldTo * oldTo + newFrom * newFrom + newTo * newTo);
    }

    /** Recomputed from scratch after each move, so rounding never accumulates. */
    private void resum() {
        sumP = 0;
        sumSqP = 0;
        sumW = 0;
        sumSqW = 0;
        for (int t = 0; t < n; t++) {
            double p = potential[t] / divisor[t];
            double w = workload[t] / divisor[t];
            sumP += p;
            sumSqP += p * p;
            sumW += w;
            sumSqW += w * w;
        }
    }

    private double cv2(double[] values) {
        double sum = 0;
        double sumSq = 0;
        for (double v : values) {
            sum += v;
            sumSq += v * v;
        }
        return cv2(sum, sumSq);
    }

    private double cv2(double sum, double sumSq) {
        double mean = sum / n;
        if (mean <= 0) {
            return 0;
        }
        return Math.max(0, sumSq / n - mean * mean) / (mean * mean);
    }

    private boolean withinTolerance(double tolerance) {
        return within(perRep(potential), tolerance) && (!useWorkload || within(perRep(workload), tolerance));
    }

    private static boolean within(double[] values, double tolerance) {
        double mean = mean(values);
        for (double v : values) {
            if (Math.abs(v - mean) > mean * tolerance) {
                return false;
            }
        }
        return true;
    }

    private double[] perRep(double[] totals) {
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = totals[t] / divisor[t];
        }
        return out;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private List<TerritoryLoad> loads() {
        List<TerritoryLoad> out = new ArrayList<>(n);
        for (int t = 0; t < n; t++) {
            out.add(new TerritoryLoad(ids[t], reps[t], accounts[t], potentialMinor[t], workloadExact[t]));
        }
        return out;
    }
}
