package io.quota.territory.bench;

import io.quota.territory.domain.balancing.Balancer;
import io.quota.territory.domain.balancing.BalancingOptions;
import io.quota.territory.domain.balancing.BalancingTerritory;
import io.quota.territory.domain.balancing.BalancingUnit;
import io.quota.territory.domain.balancing.Proposal;
import io.quota.territory.domain.balancing.Spread;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Domain-level benchmark: a balancing proposal for 20,000 accounts over 100 territories of one region, on a skewed
 * generated data set (run with -Pbench). Prints the data, the time and the before/after figures.
 */
@Tag("benchmark")
class BalancingBenchmark {
    @Test
    void balanceTwentyThousandAccountsOverAHundredTerritories() {
        Random random = new Random(7);
        int territories = 100;
        int accounts = Integer.getInteger("bench.balancing.accounts", 20_000); // the size by default
        List<BalancingTerritory> ts = new ArrayList<>();
        double[] weight = new double[territories];
        double total = 0;
        for (int t = 0; t < territories; t++) {
            ts.add(new BalancingTerritory(String.format("T%03d", t), 1 + random.nextInt(3)));
            weight[t] = 1.0 / Math.pow(t + 1, 0.9); // Zipf-like: T000 gets ~25x the accounts of T099
            total += weight[t];
        }
        List<BalancingUnit> units = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            double r = random.nextDouble() * total;
            int t = 0;
            while (t < territories - 1 && r > weight[t]) {
                r -= weight[t];
                t++;
            }
            // potential: log-normal around CNY 50,000 (in cents); workload 4..52 visits a year
            long potential = Math.round(Math.exp(Math.log(5_000_000) + random.nextGaussian() * 0.8));
            units.add(new BalancingUnit(String.format("account:A%05d", i), ts.get(t).id(), potential,
                    4 + random.nextInt(49), 1, random.nextInt(50) == 0));
        }
        long locked = units.stream().filter(BalancingUnit::locked).count();
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Proposal p = Balancer.propose(ts, units, new BalancingOptions(5_000, 0.02));
        long t1 = System.nanoTime();
        long c1 = cpu.getCurrentThreadCpuTime();
        System.out.printf("BENCHMARK balancing data: %d accounts (unit=account, %d locked) over %d territories with 1-3 reps, "
                        + "accounts per territory Zipf(0.9), potential log-normal(median CNY 50,000, sigma 0.8), workload 4-52"
                        + " visits; cap 5000 moved accounts, tolerance 0.02%n", accounts, locked, territories);
        System.out.printf("BENCHMARK balancing time=%.3fs (cpu %.3fs) moves=%d movedAccounts=%d%n", (t1 - t0) / 1e9, (c1 - c0) / 1e9, p.moves().size(),
                p.movedAccounts());
        System.out.printf("BENCHMARK balancing potentialPerRep before %s after %s (CV cut by %.1f%%)%n",
                show(p.potentialBefore()), show(p.potentialAfter()),
                100 * (1 - p.potentialAfter().coefficientOfVariation() / p.potentialBefore().coefficientOfVariation()));
        System.out.printf("BENCHMARK balancing workloadPerRep before %s after %s%n", show(p.workloadBefore()),
                show(p.workloadAfter()));
        // the quality bar (not a timing): the CV of potential per rep at least halves
        assertTrue(p.potentialAfter().coefficientOfVariation() <= p.potentialBefore().coefficientOfVariation() / 2);
    }

    private static String show(Spread s) {
        return String.format("maxMin=%.3f cv=%.4f", s.maxMinRatio(), s.coefficientOfVariation());
    }
}
