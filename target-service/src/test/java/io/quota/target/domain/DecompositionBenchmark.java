package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.contracts.TaskType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The decomposition alone (no database): the million-cell plan of MillionCellBenchmark streamed to a sink. */
@Tag("benchmark")
class DecompositionBenchmark {
    @Test
    void aMillionCellsInMemory() {
        InMemoryTerritories territories = new InMemoryTerritories();
        List<String> t = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            t.add(String.format("B-T%03d", i));
            territories.with(t.get(i), null, "GEOGRAPHIC", "ACTIVE");
        }
        List<String> p = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            p.add("PL-" + i);
        }
        PlanDraft d = new PlanDraft("BENCH-1M", "bench", TaskType.NEW_BUSINESS, Metric.REVENUE, "CNY",
                LocalDate.parse("2027-01-01"), LocalDate.parse("2029-01-31"), "UTC", new BigDecimal("987654321098.76"),
                List.of(new LevelDraft(Dimension.TERRITORY, AllocationMethod.EQUAL, null, t, null),
                        new LevelDraft(Dimension.PRODUCT_LINE, AllocationMethod.EQUAL, null, p, null),
                        new LevelDraft(Dimension.CHANNEL, AllocationMethod.EQUAL, null,
                                List.of("ONLINE_STORE", "WEBSITE", "RETAIL_STORE", "DIRECT"), null),
                        new LevelDraft(Dimension.TIME, AllocationMethod.EQUAL, Granularity.MONTH, null, null)), null, null);
        Plan plan = Plan.create(d, territories, "bench", Instant.EPOCH).plan();
        for (int round = 0; round < 3; round++) {
            long[] n = {0};
            long[] chars = {0};
            long t0 = System.nanoTime();
            plan.decomposition().forEach((members, period, amount) -> {
                n[0]++;
                chars[0] += Decomposition.cellKey("BENCH-1M", members, period).length() + amount.toPlainString().length();
            });
            System.out.printf("BENCHMARK decomposition-only round=%d cells=%d %.2fs (keys and amounts formatted)%n",
                    round, n[0], (System.nanoTime() - t0) / 1e9);
        }
    }
}
